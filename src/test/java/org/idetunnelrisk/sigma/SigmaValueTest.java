package org.idetunnelrisk.sigma;

import static org.idetunnelrisk.sigma.Fixtures.detectionProblems;
import static org.idetunnelrisk.sigma.Fixtures.hits;
import static org.idetunnelrisk.sigma.Fixtures.row;
import static org.idetunnelrisk.sigma.Fixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.idetunnelrisk.engine.Matcher;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.engine.Rule;
import org.junit.jupiter.api.Test;

/** Sigma values: wildcards, escapes, null, empty, numbers, keywords and field names. */
class SigmaValueTest {

  private static org.idetunnelrisk.engine.ValueTest testOf(String value) {
    return SigmaString.parse(value).toValueTest(false);
  }

  @Test
  void plainFormsCompileToLiteralTests() {
    assertEquals(new org.idetunnelrisk.engine.ValueTest.Equals("code.exe", false), testOf("Code.exe"));
    assertEquals(new org.idetunnelrisk.engine.ValueTest.StartsWith("code", false), testOf("Code*"));
    assertEquals(new org.idetunnelrisk.engine.ValueTest.EndsWith("\\code.exe", false), testOf("*\\Code.exe"));
    assertEquals(new org.idetunnelrisk.engine.ValueTest.Contains("tunnel", false), testOf("*tunnel*"));
  }

  @Test
  void midStringWildcardUsesGlob() {
    assertInstanceOf(org.idetunnelrisk.engine.ValueTest.Wildcard.class, testOf("code*tunnel"));
    Rule r = rule("sel:\n  CommandLine: '*code*tunnel*'\ncondition: sel");
    assertTrue(hits(r, row("process", "Code.exe TUNNEL --name x")));
    assertFalse(hits(r, row("process", "tunnel code")));
  }

  @Test
  void questionMarkMatchesExactlyOneCharacter() {
    Rule r = rule("sel:\n  Image: 'C:\\code?.exe'\ncondition: sel");
    assertTrue(hits(r, row("process_path", "C:\\code2.exe")));
    assertFalse(hits(r, row("process_path", "C:\\code.exe")));
    assertFalse(hits(r, row("process_path", "C:\\code22.exe")));
  }

  @Test
  void backslashBeforeLetterIsLiteral() {
    Rule r = rule("sel:\n  Image: 'C:\\Windows\\'\ncondition: sel");
    assertTrue(hits(r, row("process_path", "c:\\windows\\")));
    assertFalse(hits(r, row("process_path", "c:windows")));
  }

  @Test
  void escapedStarIsLiteral() {
    Rule r = rule("sel:\n  CommandLine: 'a\\*b'\ncondition: sel");
    assertTrue(hits(r, row("process", "a*b")));
    assertFalse(hits(r, row("process", "axxb")));
  }

  @Test
  void escapedQuestionMarkInsideGlobIsLiteral() {
    Rule r = rule("sel:\n  CommandLine: 'a*b\\?'\ncondition: sel");
    assertTrue(hits(r, row("process", "axxb?")));
    assertFalse(hits(r, row("process", "axxbc")));
  }

  @Test
  void doubleBackslashIsOneBackslashThenWildcard() {
    Rule r = rule("sel:\n  Image: 'C:\\\\*'\ncondition: sel");
    assertTrue(hits(r, row("process_path", "C:\\anything")));
    assertFalse(hits(r, row("process_path", "C:anything")));
  }

  @Test
  void loneStarMeansFieldPresent() {
    Rule r = rule("sel:\n  CommandLine: '*'\ncondition: sel");
    assertInstanceOf(Matcher.FieldExists.class, r.detection());
    assertTrue(hits(r, row("process", "")));
    assertFalse(hits(r, row("user", "x")));
  }

  @Test
  void nullMatchesAbsentOrEmptyField() {
    Rule r = rule("sel:\n  OriginalFileName: null\ncondition: sel");
    assertTrue(hits(r, row("user", "x")));
    assertTrue(hits(r, row("original_file_name", "")));
    assertFalse(hits(r, row("original_file_name", "code.exe")));
  }

  @Test
  void emptyStringMatchesEmptyValue() {
    Rule r = rule("sel:\n  CommandLine: ''\ncondition: sel");
    assertTrue(hits(r, row("process", "")));
    assertFalse(hits(r, row("process", "x")));
    assertFalse(hits(r, row("user", "x")));
  }

  @Test
  void numbersAndBooleansCompareAsText() {
    Rule r = rule("sel:\n  EventID: 4688\n  Elevated: true\ncondition: sel");
    assertTrue(hits(r, row("signature_id", "4688", "Elevated", "True")));
    assertFalse(hits(r, row("signature_id", "4689", "Elevated", "true")));
  }

  @Test
  void mapIsAndListOfMapsIsOr() {
    Rule and = rule("sel:\n  Image|endswith: '\\code.exe'\n  CommandLine|contains: tunnel\ncondition: sel");
    assertTrue(hits(and, row("process_path", "C:\\code.exe", "process", "code tunnel")));
    assertFalse(hits(and, row("process_path", "C:\\code.exe", "process", "code")));
    Rule or = rule("sel:\n  - Image|endswith: '\\code.exe'\n  - CommandLine|contains: tunnel\ncondition: sel");
    assertTrue(hits(or, row("process", "devtunnel")));
    assertFalse(hits(or, row("process", "dir")));
  }

  @Test
  void keywordMatchesRawTextAnywhere() {
    Rule r = rule("keywords:\n  - 'tunnels.api.visualstudio'\n  - 'devtunnels.ms'\ncondition: keywords");
    assertTrue(hits(r, Row.builder().raw("query=abc.EUW.DEVTUNNELS.MS type=A").build()));
    assertTrue(hits(r, row("query", "x.tunnels.api.visualstudio.com")));
    assertFalse(hits(r, row("query", "example.com")));
  }

  @Test
  void fieldNamesMapThroughTheFieldTable() {
    Rule r = rule("sel:\n  Image|endswith: '\\devtunnel.exe'\ncondition: sel");
    assertTrue(hits(r, row("process_path", "C:\\devtunnel.exe")));
    assertFalse(hits(r, row("Image", "C:\\devtunnel.exe")));
  }

  @Test
  void nullWithModifierIsProblem() {
    assertEquals(List.of("t.yml:5: null value cannot take modifiers (write 'Field: null' to test an empty or absent field)"),
        detectionProblems("sel:\n  CommandLine|contains: null\ncondition: sel"));
  }

  @Test
  void mapAsValueIsProblem() {
    assertEquals(List.of("t.yml:6: 'CommandLine' values must be plain values but one was a map"),
        detectionProblems("sel:\n  CommandLine:\n    a: b\ncondition: sel"));
  }

  @Test
  void mixedListIsProblem() {
    assertEquals(List.of("t.yml:6: search identifier 'sel' mixes maps with other items (a list is either of maps or of keywords)"),
        detectionProblems("sel:\n  - CommandLine: x\n  - plain\ncondition: sel"));
  }

  @Test
  void emptyFieldNameIsProblem() {
    assertEquals(List.of("t.yml:5: empty field name in '|contains'"),
        detectionProblems("sel:\n  '|contains': x\ncondition: sel"));
  }

  @Test
  void windashWithTooManyFlagsIsProblem() {
    assertEquals(List.of("t.yml:5: 'windash' on a value with 5 flag characters; at most 4 are supported"),
        detectionProblems("sel:\n  CommandLine|windash: '-a -b -c -d -e'\ncondition: sel"));
  }
}
