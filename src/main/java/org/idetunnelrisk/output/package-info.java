/**
 * Encodings of risk events for output: one JSON object per line for {@code scan}. Depends on the engine
 * and gson; does no I/O beyond the {@link java.lang.Appendable} it is given.
 */
package org.idetunnelrisk.output;
