package org.idetunnelrisk.splunk.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code POST /services/search/jobs/export}: checks the form (a {@code search} that starts with
 * {@code search } or {@code |}, {@code output_mode=json}; else 400 with a messages body, as splunkd rejects
 * a bad search before streaming), then streams the scripted lines chunked, one JSON object per line, and ends
 * a complete body as splunkd does with the end-of-results marker {@code {"preview":false,"lastrow":true}} (also
 * the whole body of a search with no results). Can pause after a number of lines until the test opens a latch
 * (a slow body), drop the connection after some partial text (a cut body), or end cleanly after a number of
 * lines without the marker (a body cut at a row boundary).
 */
public final class ExportRoute extends Route {
  private volatile List<String> lines = List.of();
  private volatile Function<RecordedRequest, ? extends Iterator<String>> responder;
  private volatile String cutWith;
  private volatile int pauseAfter = -1;
  private volatile int endAfter = -1;
  /** The end-of-results marker splunkd writes after the last row of the final set. */
  public static final String END_MARKER = "{\"preview\":false,\"lastrow\":true}";
  private volatile CountDownLatch gate;

  ExportRoute(FakeSplunk splunk) {
    super(splunk);
  }

  @Override
  public ExportRoute enqueue(Reply... replies) {
    super.enqueue(replies);
    return this;
  }

  /** The body: these lines, each followed by a newline. */
  public ExportRoute stream(String... jsonLines) {
    lines = List.of(jsonLines);
    return this;
  }

  /**
   * Answers each search from {@code responder} (given the recorded request, with its form), instead of the
   * fixed lines: for tests that poll, where the answer depends on the search and its time window.
   */
  public ExportRoute respondWith(Function<RecordedRequest, List<String>> responder) {
    this.responder = r -> responder.apply(r).iterator();
    return this;
  }

  /**
   * As {@link #respondWith}, but the answer's lines are made as they are written (for bodies of millions of
   * lines, which must not be held in memory).
   */
  public ExportRoute respondWithStream(Function<RecordedRequest, ? extends Iterator<String>> responder) {
    this.responder = responder;
    return this;
  }

  /** After the lines, write this text and drop the connection without ending the chunked body. */
  public ExportRoute dropConnectionAfter(String partial) {
    cutWith = partial;
    return this;
  }

  /**
   * End every body cleanly (chunked encoding complete) after {@code n} lines, without the end marker, as a
   * connection closed by a proxy or a search process that died at a row boundary would; -1 to answer whole.
   */
  public ExportRoute endCleanlyAfter(int n) {
    endAfter = n;
    return this;
  }

  /** Write {@code n} lines, then wait (at most 30 s) for the latch before writing the rest. */
  public ExportRoute pauseAfter(int n, CountDownLatch latch) {
    pauseAfter = n;
    gate = latch;
    return this;
  }

  @Override
  void serve(HttpExchange ex, RecordedRequest r) throws IOException {
    Map<String, String> form = r.form();
    String search = form.getOrDefault("search", "");
    if (!r.method().equals("POST")) {
      send(ex, 405, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Method Not Allowed\"}]}", null);
      return;
    }
    if (!search.startsWith("search ") && !search.startsWith("|")) {
      String cmd = search.split("\\s+", 2)[0];
      send(ex, 400, "{\"messages\":[{\"type\":\"FATAL\",\"text\":\"Unknown search command '" + cmd + "'.\"}]}", null);
      return;
    }
    if (!"json".equals(form.get("output_mode"))) {
      send(ex, 400, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"this emulator streams output_mode=json only\"}]}", null);
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    int n = 0;
    Function<RecordedRequest, ? extends Iterator<String>> answer = responder;
    Iterator<String> body = answer == null ? lines.iterator() : answer.apply(r);
    int cut = endAfter;
    while (body.hasNext()) {
      if (n == cut) {
        out.close();
        return;
      }
      String line = body.next();
      if (n == pauseAfter) {
        out.flush();
        try {
          gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      n++;
    }
    if (cutWith != null) {
      out.write(cutWith.getBytes(StandardCharsets.UTF_8));
      out.flush();
      throw new IOException("FakeSplunk drops the connection mid-body");
    }
    if (cut < 0) {
      out.write((END_MARKER + "\n").getBytes(StandardCharsets.UTF_8));
    }
    out.close();
  }
}
