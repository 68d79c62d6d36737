/**
 * The field-name table: one data file ({@code app/fields/fields.csv}) that maps the names Sysmon, Windows
 * Security, CIM datamodels, CrowdStrike and Splunk Stream use for the same thing onto one canonical name,
 * so a rule written with any of them matches a row from any source. Content teams extend it with their own
 * file; no Java is involved. Depends on {@code engine} only.
 */
package org.idetunnelrisk.fields;
