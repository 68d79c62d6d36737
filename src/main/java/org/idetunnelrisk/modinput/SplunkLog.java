package org.idetunnelrisk.modinput;

import java.io.PrintStream;
import java.util.Optional;
import org.idetunnelrisk.splunk.Redactor;
import org.idetunnelrisk.splunk.SessionKey;

/**
 * Writes log lines in the form splunkd files into {@code splunkd.log}: {@code LEVEL message}, one line per
 * message (CR and LF folded to spaces), flushed at once. Every session key registered with
 * {@link #redact(Optional)} is masked by the shared {@link Redactor} before the line is written.
 *
 * <p>Thread-safe: lines are written whole under a lock.
 */
public final class SplunkLog {
  private final PrintStream err;
  private final Redactor redactor = new Redactor();

  public SplunkLog(PrintStream err) {
    this.err = err;
  }

  /** Masks this key, when there is one, in every later line. */
  public void redact(Optional<SessionKey> key) {
    key.ifPresent(redactor::add);
  }

  /** The text with every registered secret masked. */
  public String mask(String text) {
    return redactor.redact(text);
  }

  /** The redactor behind this log, for the Splunk client's own log lines. */
  public Redactor redactor() {
    return redactor;
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
