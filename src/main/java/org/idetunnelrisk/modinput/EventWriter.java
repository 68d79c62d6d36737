package org.idetunnelrisk.modinput;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.idetunnelrisk.splunk.Log;

/**
 * Streams events to splunkd on stdout in XML streaming mode, and log lines to stderr.
 *
 * <p>Output, UTF-8: {@code <stream>} once, written lazily before the first event (no events, no output);
 * then one line per event,
 * {@code <event stanza=".." unbroken="1"><time>1790860000.123</time><source>..</source><sourcetype>..</sourcetype>
 * <index>..</index><host>..</host><data>..</data><done/></event>}, children in that order and only those
 * set, flushed at once so splunkd sees it promptly; {@code </stream>} on {@link #close()} only if the stream
 * was opened. Text is escaped and characters XML 1.0 cannot carry are dropped ({@link Xml}).
 *
 * <p>{@link #log} writes {@code LEVEL message} lines through the entry point's {@link Log}, which masks the
 * session key.
 * Thread-safe: writes are serialised.
 */
public final class EventWriter implements AutoCloseable {
  private final Writer out;
  private final Log log;
  private boolean opened;
  private boolean closed;

  public EventWriter(OutputStream out, Log log) {
    this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    this.log = log;
  }

  /** Writes one event and flushes. */
  public synchronized void write(Event event) {
    if (closed) {
      throw new IllegalStateException("event writer is closed");
    }
    StringBuilder xml = new StringBuilder(256);
    if (!opened) {
      xml.append("<stream>\n");
      opened = true;
    }
    xml.append("<event");
    if (event.stanza() != null) {
      xml.append(" stanza=\"").append(Xml.escapeAttribute(event.stanza())).append('"');
    }
    xml.append(" unbroken=\"").append(event.unbroken() ? '1' : '0').append("\">");
    if (event.time().isPresent()) {
      xml.append("<time>").append(String.format(Locale.ROOT, "%.3f", event.time().getAsDouble())).append("</time>");
    }
    child(xml, "source", event.source());
    child(xml, "sourcetype", event.sourcetype());
    child(xml, "index", event.index());
    child(xml, "host", event.host());
    child(xml, "data", event.data());
    if (event.done()) {
      xml.append("<done/>");
    }
    xml.append("</event>\n");
    emit(xml.toString());
  }

  /** The log beside this stream: {@code LEVEL message} lines on stderr, session key masked. */
  public Log log() {
    return log;
  }

  /** Closes the stream element if it was opened; idempotent. Does not close stdout itself. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (opened) {
      emit("</stream>\n");
    }
  }

  private static void child(StringBuilder xml, String name, String text) {
    if (text != null) {
      xml.append('<').append(name).append('>').append(Xml.escapeText(text)).append("</").append(name).append('>');
    }
  }

  private void emit(String text) {
    try {
      out.write(text);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to splunkd: " + e.getMessage(), e);
    }
  }
}
