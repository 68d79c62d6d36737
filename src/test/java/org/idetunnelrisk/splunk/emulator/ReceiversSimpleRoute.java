package org.idetunnelrisk.splunk.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * {@code POST /services/receivers/simple?index=&sourcetype=&source=&host=}: the body is raw event text.
 * Unknown index: 400 with a messages body. Success: 200 with {@code index, bytes, host, source,
 * sourcetype}. Accepted bodies are kept in order.
 *
 * <p>Faults after indexing ({@link #afterIndexing}): the event is indexed, then the answer is a 500, a
 * dropped connection, or no answer at all (until the client gives up): the writes whose outcome a client
 * cannot know. Indexing lag ({@link #indexingLag}): an accepted event becomes searchable only some time after
 * it was accepted, by a clock the test controls.
 */
public final class ReceiversSimpleRoute extends Route {
  /** What the route does after it has indexed an event. */
  public enum AfterIndexing {
    /** 200, as normal. */
    ANSWER,
    /** 500 with a messages body. */
    SERVER_ERROR,
    /** Closes the connection without a response. */
    DROP_CONNECTION,
    /** Sends nothing until the emulator closes (or 30 s), so the client's request timeout fires. */
    NO_ANSWER
  }

  /** An accepted event and when it was accepted (by the lag clock). */
  public record Indexed(RecordedRequest request, long acceptedAtMillis) {}

  private final Set<String> indexes = Set.of("main", "risk", "_internal");
  private final List<Indexed> accepted = new CopyOnWriteArrayList<>();
  private final AtomicLong acceptedCount = new AtomicLong();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Function<RecordedRequest, AfterIndexing> after = r -> AfterIndexing.ANSWER;
  private volatile LongSupplier lagClock = System::currentTimeMillis;
  private volatile long lagMillis;

  ReceiversSimpleRoute(FakeSplunk splunk) {
    super(splunk);
  }

  /** How many requests were indexed, kept or not (see {@link FakeSplunk#keepNoRequests()}). */
  public long acceptedCount() {
    return acceptedCount.get();
  }

  /** Requests indexed, in order, searchable yet or not. */
  public List<RecordedRequest> accepted() {
    return accepted.stream().map(Indexed::request).toList();
  }

  /** Requests indexed and searchable now: accepted at least the indexing lag ago. */
  public List<RecordedRequest> searchable() {
    long now = lagClock.getAsLong();
    return accepted.stream().filter(i -> i.acceptedAtMillis() + lagMillis <= now).map(Indexed::request).toList();
  }

  /** Forgets accepted events matching the test, as if they had never reached the index. */
  public void forget(Predicate<RecordedRequest> test) {
    accepted.removeIf(i -> test.test(i.request()));
  }

  /** Decides per indexed request what follows its indexing. */
  public ReceiversSimpleRoute afterIndexing(Function<RecordedRequest, AfterIndexing> policy) {
    after = policy;
    return this;
  }

  /** Events become searchable {@code lag} after they were accepted, by {@code clockMillis}. */
  public ReceiversSimpleRoute indexingLag(Duration lag, LongSupplier clockMillis) {
    lagMillis = lag.toMillis();
    lagClock = clockMillis;
    return this;
  }

  /** Releases requests held by {@link AfterIndexing#NO_ANSWER}. */
  void release() {
    closing.countDown();
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
      accepted.add(new Indexed(r, lagClock.getAsLong()));
    }
    switch (after.apply(r)) {
      case SERVER_ERROR -> send(ex, 500, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Internal Server Error\"}]}",
          null);
      case DROP_CONNECTION -> {
        // no response at all: HttpExchange.close() without headers closes the connection
      }
      case NO_ANSWER -> {
        try {
          closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      case ANSWER -> {
        int bytes = r.body().getBytes(StandardCharsets.UTF_8).length;
        send(ex, 200, "{\"index\":\"" + index + "\",\"bytes\":" + bytes + ",\"host\":\"" + q.getOrDefault("host", "")
            + "\",\"source\":\"" + q.getOrDefault("source", "") + "\",\"sourcetype\":\""
            + q.getOrDefault("sourcetype", "") + "\"}", null);
      }
      default -> throw new IllegalStateException();
    }
  }
}
