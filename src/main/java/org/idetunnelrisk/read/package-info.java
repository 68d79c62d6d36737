/**
 * Formats, not sources: Windows event XML, native EVTX ({@code EvtxReader}, its binary XML in
 * {@code BinXml}), JSON lines (flat and Splunk export rows), Splunk CSV, Splunk's classic WinEventLog text, gzip,
 * zip and tar archives, and format
 * sniffing (binary content refused in one line). Each reader streams {@link org.idetunnelrisk.read.Record}s
 * (memory does not grow with file size) and reports a bad record as an {@link org.idetunnelrisk.read.InputException} naming the input
 * and the place, then carries on with the next record where the format allows it.
 * {@link org.idetunnelrisk.read.RowRecords} reads a row of Splunk search results (a CSV or export row, or a
 * row the modular input got from splunkd) as the records of its event, the same way for every entry point.
 * Depends on the JDK and gson; knows nothing of rules or sources.
 */
package org.idetunnelrisk.read;
