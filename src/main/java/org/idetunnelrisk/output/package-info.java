/**
 * Encodings of risk events for output: one JSON object per line for {@code scan}. Depends on the engine, gson
 * and {@code splunk.RiskEventFields} (the one list of a risk event's fields, shared with what is indexed);
 * does no I/O beyond the {@link java.lang.Appendable} it is given.
 */
package org.idetunnelrisk.output;
