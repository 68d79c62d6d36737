/**
 * The analyst's offline report: {@link org.idetunnelrisk.report.Stories} gathers risk events per risk object with
 * bounded memory, {@link org.idetunnelrisk.report.HtmlReport} writes them as one self-contained HTML file (inline
 * styles, script and SVG charts; no request leaves the file). Uses the engine's types and the JDK only: no
 * readers, no Splunk, no files of its own (the caller gives it a {@link java.io.Writer}).
 */
package org.idetunnelrisk.report;
