package org.idetunnelrisk.splunk.emulator;

/**
 * A canned answer a route gives instead of its normal one (a fault): status, optional
 * {@code Retry-After}, JSON body.
 */
public record Reply(int status, String retryAfter, String body) {

  public static Reply status(int status) {
    return new Reply(status, null, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"HTTP " + status + " from FakeSplunk\"}]}");
  }

  public static Reply unavailable(String retryAfter) {
    return new Reply(503, retryAfter, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Service Unavailable\"}]}");
  }

  public static Reply messages(int status, String type, String text) {
    return new Reply(status, null, "{\"messages\":[{\"type\":\"" + type + "\",\"text\":\"" + text + "\"}]}");
  }
}
