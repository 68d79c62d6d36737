package org.idetunnelrisk.splunk.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Base of the emulator's endpoints: records each request with {@link FakeSplunk}, answers queued
 * {@link Reply}s first (one per request), then conditional faults, then the credential check, then
 * {@link #serve}.
 */
abstract class Route implements HttpHandler {
  final FakeSplunk splunk;
  private final Deque<Reply> queued = new ArrayDeque<>();
  private final List<Map.Entry<Predicate<RecordedRequest>, Reply>> conditional = new ArrayList<>();

  Route(FakeSplunk splunk) {
    this.splunk = splunk;
  }

  /** The next requests get these replies, in order, before normal service resumes. */
  public synchronized Route enqueue(Reply... replies) {
    queued.addAll(List.of(replies));
    return this;
  }

  private volatile CountDownLatch held;

  /**
   * Answers nothing (not even headers) until the latch opens or 30 s pass: an unresponsive splunkd, for
   * client timeouts. Pass null to answer at once again.
   */
  public Route holdUntil(CountDownLatch latch) {
    held = latch;
    return this;
  }

  /** Every request matching the test gets the reply. */
  public synchronized Route failWhen(Predicate<RecordedRequest> test, Reply reply) {
    conditional.add(Map.entry(test, reply));
    return this;
  }

  @Override
  public final void handle(HttpExchange ex) throws IOException {
    {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      RecordedRequest r = new RecordedRequest(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
          ex.getRequestURI().getRawQuery(), headers, body);
      splunk.record(r);
      CountDownLatch hold = held;
      if (hold != null) {
        try {
          hold.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Reply reply = nextFault(r);
      if (reply != null) {
        send(ex, reply.status(), reply.body(), reply.retryAfter());
        ex.close();
        return;
      }
      if (!authorized(r)) {
        return401(ex);
        ex.close();
        return;
      }
      serve(ex, r);
      ex.close();
    }
  }

  private synchronized Reply nextFault(RecordedRequest r) {
    if (!queued.isEmpty()) {
      return queued.poll();
    }
    for (Map.Entry<Predicate<RecordedRequest>, Reply> c : conditional) {
      if (c.getKey().test(r)) {
        return c.getValue();
      }
    }
    return null;
  }

  boolean authorized(RecordedRequest r) {
    return splunk.accepts(r.header("Authorization"));
  }

  void return401(HttpExchange ex) throws IOException {
    send(ex, 401, "{\"messages\":[{\"type\":\"WARN\",\"text\":\"call not properly authenticated\"}]}", null);
  }

  abstract void serve(HttpExchange ex, RecordedRequest r) throws IOException;

  static void send(HttpExchange ex, int status, String body, String retryAfter) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", body.startsWith("<") ? "text/xml; charset=UTF-8" : "application/json; charset=UTF-8");
    if (retryAfter != null) {
      ex.getResponseHeaders().set("Retry-After", retryAfter);
    }
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
