package org.idetunnelrisk.modinput;

/** The severities splunkd reads at the start of a stderr line ({@code ExecProcessor}, {@code sendmodalert}). */
public enum LogLevel {
  DEBUG,
  INFO,
  WARN,
  ERROR,
  FATAL
}
