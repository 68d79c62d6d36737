/**
 * The scoring pipeline every entry point shares (scan, alert action, modular input): a record is
 * normalized into a row, evaluated by the engine, and each risk event is passed on once, with counts kept
 * for summaries. Depends on engine, source, fields and read's {@code Record}; does no I/O itself.
 */
package org.idetunnelrisk.scoring;
