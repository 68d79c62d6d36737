package org.idetunnelrisk.splunk.emulator;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A loopback Splunk REST emulator on the JDK's {@code com.sun.net.httpserver}, bound to 127.0.0.1 on a free
 * port, HTTP or HTTPS. One route per endpoint ({@link ExportRoute}, {@link ReceiversSimpleRoute},
 * {@link KvStoreRoute}, {@link ClusterRoute}, a standalone search head
 * unless told otherwise); every request is recorded in arrival order.
 * The routes accept {@code Authorization: Splunk <session key>} until
 * {@link #expireKey()}; anything else gets 401. Use one per test, closed afterwards.
 */
public final class FakeSplunk implements AutoCloseable {
  static {
    // The JDK server otherwise leaves Nagle's algorithm on: each small answer then waits for the client's
    // delayed ACK, about 40 ms per request on Linux loopback. Read once, when the server classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final String sessionKey;
  private volatile boolean expired;
  private volatile boolean keepRequests = true;
  private final java.util.concurrent.atomic.AtomicLong requestCount = new java.util.concurrent.atomic.AtomicLong();
  private final ExportRoute export = new ExportRoute(this);
  private final ReceiversSimpleRoute receivers = new ReceiversSimpleRoute(this);
  private final KvStoreRoute kvStore = new KvStoreRoute(this);
  private final ClusterRoute cluster = new ClusterRoute(this);

  private FakeSplunk(HttpServer server, String sessionKey) {
    this.server = server;
    this.sessionKey = sessionKey;
    server.createContext("/services/search/jobs/export", export);
    server.createContext("/services/receivers/simple", receivers);
    server.createContext(KvStoreRoute.PREFIX, kvStore);
    server.createContext("/services/server/info", cluster);
    server.createContext("/services/shcluster/", cluster);
    server.setExecutor(executor);
    server.start();
  }

  /** Plain HTTP. */
  public static FakeSplunk http(String sessionKey) {
    try {
      return new FakeSplunk(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
          sessionKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** HTTPS with the given server context (its key manager holds the server certificate). */
  public static FakeSplunk https(SSLContext context, String sessionKey) {
    try {
      HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      s.setHttpsConfigurator(new HttpsConfigurator(context));
      return new FakeSplunk(s, sessionKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http(s)://127.0.0.1:<port>}. */
  public URI uri() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
  }

  public ExportRoute export() { return export; }
  public ReceiversSimpleRoute receivers() { return receivers; }
  public KvStoreRoute kvStore() { return kvStore; }
  public ClusterRoute cluster() { return cluster; }

  /** From now on the session key is refused with 401. */
  public void expireKey() {
    expired = true;
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Recorded requests whose path starts with the prefix. */
  public List<RecordedRequest> requests(String pathPrefix) {
    return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  String sessionKey() {
    return sessionKey;
  }

  /**
   * From now on requests are counted, not kept (nor are accepted events), so a measurement of the heap of a
   * client running in this JVM does not count the emulator's recordings. {@link #requests()} stays as it was.
   */
  public FakeSplunk keepNoRequests() {
    keepRequests = false;
    return this;
  }

  boolean keepsRequests() {
    return keepRequests;
  }

  /** Every request received, kept or not. */
  public long requestCount() {
    return requestCount.get();
  }

  void record(RecordedRequest r) {
    requestCount.incrementAndGet();
    if (keepRequests) {
      requests.add(r);
    }
    synchronized (requests) {
      requests.notifyAll();
    }
  }

  /**
   * Waits until at least {@code n} requests have been recorded, or {@code timeoutMillis} passed; returns whether
   * they were. A condition wait (woken by each request), for tests that act at a given point of a client's run.
   */
  public boolean awaitRequests(int n, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    synchronized (requests) {
      while (requests.size() < n) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          return false;
        }
        requests.wait(left);
      }
    }
    return true;
  }

  boolean accepts(String authorization) {
    return !expired && authorization != null
        && authorization.equals("Splunk " + sessionKey);
  }

  @Override
  public void close() {
    receivers.release();
    server.stop(0);
    executor.shutdownNow();
  }
}
