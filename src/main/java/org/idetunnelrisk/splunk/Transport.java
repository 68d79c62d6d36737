package org.idetunnelrisk.splunk;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Sends one request with retries and turns failures into {@link SplunkException}s. Retries happen only
 * before a response body is handed out: connection failures and 503/429 always (the server did not act),
 * timeouts and other 5xx only for idempotent calls. The delay is {@code min(max, base * 2^attempt)} scaled
 * by a jitter factor in [0.5, 1); a 503 or 429 with {@code Retry-After: <seconds>} waits that long instead
 * (capped by {@link Settings#retryAfterMax()}; the HTTP-date form falls back to the backoff). 401 and 403 are
 * never retried. Each retry is logged at INFO with the endpoint, what failed and the wait. A {@link Mode#ONCE}
 * call that failed after it may have been acted on is marked {@link SplunkException#outcomeUnknown()}.
 * Thread-safe.
 */
final class Transport {
  /** Error bodies are read up to this size for their messages. */
  private static final int ERROR_BODY_LIMIT = 64 * 1024;
  private static final Pattern XML_MSG = Pattern.compile("<msg type=\"([A-Z]+)\">([^<]*)</msg>");

  /** Whether a call may be repeated after an ambiguous failure (timeout, 500, dropped connection). */
  enum Mode { IDEMPOTENT, ONCE }

  private final HttpClient http;
  private final Settings settings;
  private final Redactor redactor;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final Log log;

  Transport(HttpClient http, Settings settings, Redactor redactor, Sleeper sleeper, DoubleSupplier random, Log log) {
    this.http = http;
    this.settings = settings;
    this.redactor = redactor;
    this.sleeper = sleeper;
    this.random = random;
    this.log = log;
  }

  Redactor redactor() {
    return redactor;
  }

  /**
   * Sends until a 2xx arrives and returns it with its body unread; the caller closes the body.
   *
   * @param endpoint {@code METHOD /path} for messages
   */
  HttpResponse<InputStream> send(String endpoint, HttpRequest request, Mode mode) throws SplunkException {
    return send(endpoint, request, mode, settings.retries());
  }

  /** As {@link #send(String, HttpRequest, Mode)}, with at most {@code retries} retries (0: one attempt). */
  HttpResponse<InputStream> send(String endpoint, HttpRequest request, Mode mode, int retries)
      throws SplunkException {
    int attempt = 0;
    while (true) {
      SplunkException failure;
      OptionalLong retryAfter = OptionalLong.empty();
      boolean retryable;
      boolean mayHaveActed = false;
      try {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return response;
        }
        String text = serverText(response);
        failure = statusFailure(endpoint, status, text);
        retryable = status == 503 || status == 429 || (status >= 500 && mode == Mode.IDEMPOTENT);
        mayHaveActed = status >= 500 && status != 503;
        if (status == 503 || status == 429) {
          retryAfter = retryAfterSeconds(response);
        }
      } catch (HttpConnectTimeoutException e) {
        failure = new SplunkException(SplunkException.Kind.CONNECTION, endpoint, 0,
            "connect timed out after " + seconds(settings.connectTimeout()));
        retryable = true;
      } catch (HttpTimeoutException e) {
        failure = new SplunkException(SplunkException.Kind.TIMEOUT, endpoint, 0,
            "no response within " + seconds(request.timeout().orElse(settings.requestTimeout())));
        retryable = mode == Mode.IDEMPOTENT;
        mayHaveActed = true;
      } catch (ConnectException e) {
        failure = new SplunkException(SplunkException.Kind.CONNECTION, endpoint, 0,
            "cannot connect to " + request.uri().getHost() + ":" + request.uri().getPort() + ": " + describe(e));
        retryable = true;
      } catch (SSLException e) {
        failure = tlsFailure(endpoint, request, e);
        retryable = false;
      } catch (IOException e) {
        SSLException tls = sslCause(e);
        if (tls != null) {
          failure = tlsFailure(endpoint, request, tls);
          retryable = false;
        } else {
          failure = new SplunkException(SplunkException.Kind.CONNECTION, endpoint, 0, describe(e));
          retryable = mode == Mode.IDEMPOTENT;
          mayHaveActed = true;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SplunkException(SplunkException.Kind.CONNECTION, endpoint, 0, "interrupted");
      }
      boolean unknown = mayHaveActed && mode == Mode.ONCE;
      if (!retryable || attempt >= retries) {
        String detail = afterStatus(failure) + (attempt == 0 ? "" : " (gave up after " + (attempt + 1) + " attempts)");
        throw new SplunkException(failure.kind(), failure.endpoint(), failure.status(), detail, unknown);
      }
      Duration delay = retryAfter.isPresent()
          ? Duration.ofSeconds(Math.min(retryAfter.getAsLong(), settings.retryAfterMax().toSeconds()))
          : backoff(attempt);
      log.info("retrying " + failure.getMessage() + " (retry " + (attempt + 1) + " of " + retries + " in "
          + seconds(delay) + ")");
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
      attempt++;
    }
  }

  /** Backoff before retry number {@code attempt + 1}. */
  Duration backoff(int attempt) {
    long base = settings.backoffBase().toMillis();
    long max = settings.backoffMax().toMillis();
    long exp = attempt >= 30 ? max : Math.min(max, base << attempt);
    double factor = 0.5 + 0.5 * Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
    return Duration.ofMillis(Math.max(1, (long) (exp * factor)));
  }

  private SplunkException statusFailure(String endpoint, int status, String text) {
    SplunkException.Kind kind = switch (status) {
      case 401 -> SplunkException.Kind.AUTH;
      case 403 -> SplunkException.Kind.FORBIDDEN;
      case 503 -> SplunkException.Kind.UNAVAILABLE;
      default -> SplunkException.Kind.HTTP;
    };
    String detail = text.isEmpty() ? defaultText(status) : text;
    return new SplunkException(kind, endpoint, status, detail);
  }

  private static String defaultText(int status) {
    return switch (status) {
      case 401 -> "the session key or token was refused (missing, wrong or expired)";
      case 403 -> "forbidden (the credential lacks a capability)";
      case 503 -> "service unavailable";
      default -> "no message";
    };
  }

  /** The message text of an error body: JSON or XML {@code messages}, else the body's first 200 chars. */
  String serverText(HttpResponse<InputStream> response) {
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
    return redactor.redact(messagesText(body));
  }

  /** Joins {@code messages[].text} ({@code TYPE: text}), or XML {@code <msg>}s, or returns the trimmed body. */
  static String messagesText(String body) {
    String trimmed = body.strip();
    if (trimmed.startsWith("{")) {
      try {
        JsonElement root = JsonParser.parseString(trimmed);
        if (root.isJsonObject()) {
          JsonObject o = root.getAsJsonObject();
          if (o.has("messages") && o.get("messages").isJsonArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonElement m : (JsonArray) o.get("messages")) {
              if (m.isJsonObject() && m.getAsJsonObject().has("text")) {
                JsonObject mo = m.getAsJsonObject();
                String type = mo.has("type") ? mo.get("type").getAsString() : "ERROR";
                parts.add(type + ": " + mo.get("text").getAsString());
              }
            }
            if (!parts.isEmpty()) {
              return String.join("; ", parts);
            }
          }
          if (o.has("text")) {
            return o.get("text").getAsString() + (o.has("code") ? " (code " + o.get("code").getAsString() + ")" : "");
          }
        }
      } catch (RuntimeException e) {
        // not JSON after all: fall through to the raw text
      }
    }
    Matcher m = XML_MSG.matcher(trimmed);
    List<String> parts = new ArrayList<>();
    while (m.find()) {
      parts.add(m.group(1) + ": " + m.group(2).strip());
    }
    if (!parts.isEmpty()) {
      return String.join("; ", parts);
    }
    String flat = trimmed.replaceAll("\\s+", " ");
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }

  private static OptionalLong retryAfterSeconds(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(String::strip).filter(v -> v.matches("\\d{1,9}"))
        .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
  }

  /** A refused handshake: never retried, and the request never reached splunkd. */
  private SplunkException tlsFailure(String endpoint, HttpRequest request, SSLException e) {
    String host = request.uri().getHost();
    return new SplunkException(SplunkException.Kind.TLS, endpoint, 0, redactor.redact(
        Tls.handshakeFailure(settings, host + ":" + request.uri().getPort(), host, e, describe(e))));
  }

  /** The TLS failure behind an I/O failure, if any (the client sometimes wraps it). */
  private static SSLException sslCause(IOException e) {
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SSLException s) {
        return s;
      }
    }
    return null;
  }

  private String describe(IOException e) {
    String m = e.getMessage();
    String text = e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    return redactor.redact(text);
  }

  private static String afterStatus(SplunkException e) {
    String prefix = e.endpoint() + (e.status() > 0 ? ": HTTP " + e.status() : "") + ": ";
    return e.getMessage().substring(prefix.length());
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
