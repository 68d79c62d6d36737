package org.idetunnelrisk.splunk.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code POST /services/receivers/simple?index=&sourcetype=&source=&host=}: the body is raw event text.
 * Unknown index: 400 with a messages body. Success: 200 with {@code index, bytes, host, source,
 * sourcetype}. Accepted bodies are kept in order.
 */
public final class ReceiversSimpleRoute extends Route {
  private final Set<String> indexes = Set.of("main", "risk", "_internal");
  private final List<RecordedRequest> accepted = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong acceptedCount = new java.util.concurrent.atomic.AtomicLong();

  ReceiversSimpleRoute(FakeSplunk splunk) {
    super(splunk);
  }

  /** How many requests were answered 200, kept or not (see {@link FakeSplunk#keepNoRequests()}). */
  public long acceptedCount() {
    return acceptedCount.get();
  }

  /** Requests answered 200, in order. */
  public List<RecordedRequest> accepted() {
    return List.copyOf(accepted);
  }

  /** Forgets accepted events matching the test, as if they had never reached the index. */
  public void forget(java.util.function.Predicate<RecordedRequest> test) {
    accepted.removeIf(test);
  }

  @Override
  void serve(HttpExchange ex, RecordedRequest r) throws IOException {
    Map<String, String> q = r.query();
    String index = q.getOrDefault("index", "main");
    if (!indexes.contains(index)) {
      send(ex, 400, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Unknown index=" + index + "\"}]}", null);
      return;
    }
    acceptedCount.incrementAndGet();
    if (splunk.keepsRequests()) {
      accepted.add(r);
    }
    int bytes = r.body().getBytes(StandardCharsets.UTF_8).length;
    send(ex, 200, "{\"index\":\"" + index + "\",\"bytes\":" + bytes + ",\"host\":\"" + q.getOrDefault("host", "")
        + "\",\"source\":\"" + q.getOrDefault("source", "") + "\",\"sourcetype\":\"" + q.getOrDefault("sourcetype", "")
        + "\"}", null);
  }
}
