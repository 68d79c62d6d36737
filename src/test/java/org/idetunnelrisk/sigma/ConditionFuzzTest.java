package org.idetunnelrisk.sigma;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the condition parser: the input is the condition of a rule with the search identifiers
 * {@code selection}, {@code selection_cli}, {@code filter_main} and {@code _private}, written as a
 * YAML double-quoted string with every unusual character escaped, so the condition text reaches
 * {@link ConditionParser} unchanged. Property: never an exception, a rule or problems at
 * {@code fuzz.yml}; no hang.
 */
class ConditionFuzzTest {
  private static final String HEAD = "title: Fuzzed condition\nid: 0f0e0d0c-0b0a-4909-8807-060504030201\n"
      + "status: test\nlevel: high\nlogsource:\n  category: process_creation\n  product: windows\n"
      + "detection:\n  selection:\n    Image|endswith: '\\devtunnel.exe'\n"
      + "  selection_cli:\n    CommandLine|contains: ' host'\n"
      + "  filter_main:\n    User: SYSTEM\n  _private:\n    Image: x\n  condition: \"";

  @FuzzTest(maxDuration = "2m")
  void condition(byte[] data) {
    check(data);
  }

  static void check(byte[] data) {
    RuleLoaderFuzzTest.checkText(rule(new String(data, StandardCharsets.UTF_8)));
  }

  static String rule(String condition) {
    StringBuilder sb = new StringBuilder(HEAD.length() + condition.length() * 2 + 4).append(HEAD);
    for (int i = 0; i < condition.length(); i++) {
      char c = condition.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append("\"\n").toString();
  }
}
