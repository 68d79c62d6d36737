package org.idetunnelrisk.splunk;

import java.io.PrintStream;

/**
 * The app's one log: where every part reports what it does. splunkd reads a modular input's or alert action's
 * stderr one line at a time as {@code LEVEL message} and files it in {@code splunkd.log}; {@link #lines} writes
 * exactly that, CR and LF folded to spaces, every secret its {@link Redactor} knows masked (keys registered
 * later, as the session key is once the input definition or payload is read, are masked from then on), each
 * line ended by {@code \n} and flushed at once. Implementations must be thread-safe.
 */
public interface Log {

  /** The severities splunkd reads at the start of a stderr line ({@code ExecProcessor}, {@code sendmodalert}). */
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

  /** {@code LEVEL message} lines on {@code out}, redacted, one line per message, written whole under a lock. */
  static Log lines(PrintStream out, Redactor redactor) {
    return (level, message) -> {
      String line = level + " " + redactor.redact(message).replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
      synchronized (out) {
        out.print(line + "\n");
        out.flush();
      }
    };
  }
}
