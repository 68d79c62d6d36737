package org.idetunnelrisk.splunk;

/**
 * A Splunk REST call that failed. The message names the endpoint ({@code POST /services/search/jobs/export})
 * and the HTTP status when there was one, then what went wrong; it never carries a credential (server
 * text is passed through a {@link Redactor} before it gets here). {@link #kind()} tells callers what to do.
 */
public final class SplunkException extends Exception {

  /** What failed, coarse enough to act on. */
  public enum Kind {
    /** 401: key missing, wrong or expired. Never retried. */
    AUTH,
    /** 403: authenticated but lacking a capability. */
    FORBIDDEN,
    /** 503: the service (or the KV store) is down or starting. Retried; callers may fall back. */
    UNAVAILABLE,
    /** Any other non-2xx status. */
    HTTP,
    /** No response within the request timeout. */
    TIMEOUT,
    /** Could not connect, or the connection dropped before a response. */
    CONNECTION,
    /**
     * The TLS handshake failed (splunkd's certificate does not chain to a trusted CA or does not name the host),
     * or the TLS settings cannot be used (a CA file that is not one). Never retried; the message names
     * {@code ca_cert_path}.
     */
    TLS,
    /** The response body is not what the protocol promises (cut stream, malformed JSON). */
    PROTOCOL,
    /** The search failed: HTTP 400 with messages, or a FATAL/ERROR message in the stream. */
    SEARCH_ERROR,
    /** Not sent: what it would carry cannot be written (a risk event field name outside {@code [A-Za-z0-9_.]+}). */
    REJECTED
  }

  private final Kind kind;
  private final String endpoint;
  private final int status;
  private final boolean outcomeUnknown;

  /**
   * @param endpoint method and path, e.g. {@code POST /services/receivers/simple}
   * @param status HTTP status, 0 when there was no response
   * @param detail what went wrong, already redacted
   */
  public SplunkException(Kind kind, String endpoint, int status, String detail) {
    this(kind, endpoint, status, detail, false);
  }

  /**
   * @param outcomeUnknown the request was sent and may have been acted on (see {@link #outcomeUnknown()})
   */
  public SplunkException(Kind kind, String endpoint, int status, String detail, boolean outcomeUnknown) {
    super(endpoint + (status > 0 ? ": HTTP " + status : "") + ": " + detail);
    this.kind = kind;
    this.endpoint = endpoint;
    this.status = status;
    this.outcomeUnknown = outcomeUnknown;
  }

  /**
   * True when a request that must not be repeated blindly (a write) was sent and no clear answer came back:
   * no response within the timeout, the connection dropped after the request went out, or a 5xx other than
   * 503. Splunk may have acted on it. False when it plainly did not: no connection, a TLS refusal, 503,
   * 429 or another 4xx.
   */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  public Kind kind() {
    return kind;
  }

  public String endpoint() {
    return endpoint;
  }

  /** The HTTP status, 0 when no response was received. */
  public int status() {
    return status;
  }
}
