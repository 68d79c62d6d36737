package org.idetunnelrisk.modinput;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes log lines in the form splunkd files into {@code splunkd.log}: {@code LEVEL message}, one line per
 * message (CR and LF folded to spaces), flushed at once. Every known secret (session keys registered with
 * {@link #redact(SessionKey)}) is masked as {@code ********} before the line is written.
 *
 * <p>Thread-safe: lines are written whole under a lock.
 */
public final class SplunkLog {
  static final String MASK = "********";
  private final PrintStream err;
  private final List<String> secrets = new ArrayList<>();

  public SplunkLog(PrintStream err) {
    this.err = err;
  }

  /** Masks this key in every later line. */
  public synchronized void redact(SessionKey key) {
    if (key.isPresent() && !secrets.contains(key.reveal())) {
      secrets.add(key.reveal());
    }
  }

  /** The text with every registered secret masked. */
  public synchronized String mask(String text) {
    String masked = text;
    for (String secret : secrets) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }

  public synchronized void log(LogLevel level, String message) {
    String text = message == null ? "" : message;
    String line = mask(text).replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    err.print(level.name() + " " + line + "\n");
    err.flush();
  }

  public void info(String message) {
    log(LogLevel.INFO, message);
  }

  public void warn(String message) {
    log(LogLevel.WARN, message);
  }

  public void error(String message) {
    log(LogLevel.ERROR, message);
  }
}
