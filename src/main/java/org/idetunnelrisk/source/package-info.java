/**
 * Source normalizers: turn a {@link org.idetunnelrisk.read.Record} from Sysmon (Windows and Linux), Windows
 * Security and System, CrowdStrike, Splunk Stream or CIM datamodel rows into an engine
 * {@link org.idetunnelrisk.engine.Row}: the Sigma log source, the event time, a stable event key, and field
 * names made canonical through the {@link org.idetunnelrisk.fields.FieldTable}. The
 * {@link org.idetunnelrisk.source.Normalizer} facade picks the source; each source's rules live in one
 * small class. Depends on {@code engine}, {@code fields}, {@code read} and the JDK (StAX for scheduled
 * task XML); no I/O beyond parsing strings it is given.
 */
package org.idetunnelrisk.source;
