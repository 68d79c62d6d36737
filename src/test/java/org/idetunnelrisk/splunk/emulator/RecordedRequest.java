package org.idetunnelrisk.splunk.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One request as {@link FakeSplunk} received it: header names lower-cased, body as UTF-8 text. */
public record RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
    String body) {

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Query parameters, decoded, in order. */
  public Map<String, String> query() {
    return decode(rawQuery);
  }

  /** Form fields of an {@code application/x-www-form-urlencoded} body, decoded, in order. */
  public Map<String, String> form() {
    return decode(body);
  }

  static Map<String, String> decode(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
