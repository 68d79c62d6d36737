package org.idetunnelrisk.splunk;

import java.io.PrintStream;

/**
 * Where this package reports what it does. splunkd reads a modular input's or alert action's stderr one
 * line at a time as {@code LEVEL message}; {@link #stderr(Redactor)} writes exactly that, with newlines
 * folded to spaces and known secrets masked. Implementations must be thread-safe.
 */
public interface Log {

  /** Severity levels splunkd recognises. */
  enum Level { DEBUG, INFO, WARN, ERROR, FATAL }

  void log(Level level, String message);

  default void info(String message) {
    log(Level.INFO, message);
  }

  default void warn(String message) {
    log(Level.WARN, message);
  }

  default void error(String message) {
    log(Level.ERROR, message);
  }

  /** {@code LEVEL message} lines on {@code System.err}, redacted. */
  static Log stderr(Redactor redactor) {
    return lines(System.err, redactor);
  }

  /** {@code LEVEL message} lines on {@code out}, redacted, one line per message. */
  static Log lines(PrintStream out, Redactor redactor) {
    return (level, message) -> {
      String line = level + " " + redactor.redact(message).replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    };
  }
}
