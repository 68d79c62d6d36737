package org.idetunnelrisk.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherTest {
  private final Row row = Row.builder()
      .add("process_name", "Code-Tunnel.exe")
      .add("process", "code-tunnel.exe tunnel --name x")
      .add("query", "a.devtunnels.ms")
      .add("query", "example.org")
      .add("original_file_name", "")
      .add("src_ip", "10.1.2.3")
      .add("parent_process_name", "code-tunnel.exe")
      .raw("{\"process\":\"code-tunnel.exe tunnel --name x\"}")
      .build();

  @Test
  void caseInsensitiveEqualsUsesFoldedValue() {
    assertTrue(new Matcher.Field("process_name", new ValueTest.Equals("code-tunnel.exe", false)).matches(row));
    assertFalse(new Matcher.Field("process_name", new ValueTest.Equals("code-tunnel.exe", true)).matches(row));
  }

  @Test
  void anyValueOfAMultivalueFieldPasses() {
    assertTrue(new Matcher.Field("query", new ValueTest.EndsWith(".devtunnels.ms", false)).matches(row));
    assertTrue(new Matcher.Field("query", new ValueTest.Equals("example.org", false)).matches(row));
  }

  @Test
  void absentFieldNeverMatchesAValueTest() {
    assertFalse(new Matcher.Field("user", new ValueTest.Contains("", false)).matches(row));
  }

  @Test
  void nullMeansAbsentOrEmpty() {
    assertTrue(new Matcher.FieldNull("original_file_name").matches(row));
    assertTrue(new Matcher.FieldNull("user").matches(row));
    assertFalse(new Matcher.FieldNull("process_name").matches(row));
  }

  @Test
  void existsLooksAtPresenceOnly() {
    assertTrue(new Matcher.FieldExists("original_file_name", true).matches(row));
    assertTrue(new Matcher.FieldExists("user", false).matches(row));
  }

  @Test
  void fieldRefComparesTwoFields() {
    assertTrue(new Matcher.FieldRef("process_name", "parent_process_name", Matcher.FieldRef.Mode.EQUALS, false).matches(row));
    assertFalse(new Matcher.FieldRef("process_name", "parent_process_name", Matcher.FieldRef.Mode.EQUALS, true).matches(row));
  }

  @Test
  void keywordSearchesRawText() {
    assertTrue(new Matcher.Keyword(new ValueTest.Contains("tunnel --name", false)).matches(row));
    assertFalse(new Matcher.Keyword(new ValueTest.Contains("devtunnel host", false)).matches(row));
  }

  @Test
  void keywordWithoutRawSearchesEveryField() {
    Row noRaw = Row.builder().add("process", "devtunnel host -a").build();
    assertTrue(new Matcher.Keyword(new ValueTest.Contains("host -a", false)).matches(noRaw));
  }

  @Test
  void cidrAndNumericTests() {
    assertTrue(new Matcher.Field("src_ip", new ValueTest.Cidr(IpNetwork.parse("10.0.0.0/8"))).matches(row));
    Row n = Row.builder().add("dest_port", "443").build();
    assertTrue(new Matcher.Field("dest_port", new ValueTest.Numeric(ValueTest.Numeric.Op.GTE, 443)).matches(n));
    assertFalse(new Matcher.Field("dest_port", new ValueTest.Numeric(ValueTest.Numeric.Op.LT, 443)).matches(n));
    assertFalse(new Matcher.Field("process", new ValueTest.Numeric(ValueTest.Numeric.Op.LT, 443)).matches(n));
  }

  @Test
  void booleanCombinators() {
    Matcher tunnel = new Matcher.Field("process", new ValueTest.Contains(" tunnel", false));
    Matcher kill = new Matcher.Field("process", new ValueTest.Contains(" tunnel kill", false));
    assertTrue(new Matcher.AllOf(List.of(tunnel, new Matcher.Not(kill))).matches(row));
    assertFalse(new Matcher.AllOf(List.of(tunnel, kill)).matches(row));
    assertTrue(new Matcher.AnyOf(List.of(kill, tunnel)).matches(row));
    assertFalse(new Matcher.AnyOf(List.of()).matches(row));
    assertTrue(new Matcher.AllOf(List.of()).matches(row));
  }

  @Test
  void regexTestUsesSuppliedPredicate() {
    Matcher m = new Matcher.Field("process", new ValueTest.Regex("tunnel\\s+--name", s -> s.matches(".*tunnel\\s+--name.*")));
    assertTrue(m.matches(row));
  }
}
