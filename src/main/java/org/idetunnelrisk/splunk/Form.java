package org.idetunnelrisk.splunk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code application/x-www-form-urlencoded} bodies and query strings, in insertion order. */
final class Form {
  private final Map<String, String> fields = new LinkedHashMap<>();

  Form add(String name, String value) {
    fields.put(name, value);
    return this;
  }

  String encode() {
    return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** One path segment: like {@link #enc} but spaces as {@code %20}. */
  static String segment(String s) {
    return enc(s).replace("+", "%20");
  }
}
