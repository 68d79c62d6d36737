package org.idetunnelrisk.sigma;

import static org.idetunnelrisk.sigma.Fixtures.detectionProblems;
import static org.idetunnelrisk.sigma.Fixtures.hits;
import static org.idetunnelrisk.sigma.Fixtures.row;
import static org.idetunnelrisk.sigma.Fixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.idetunnelrisk.engine.Rule;
import org.junit.jupiter.api.Test;

class ModifierTest {

  @Test
  void containsModifierMatchesInside() {
    Rule r = rule("sel:\n  CommandLine|contains: 'tunnel --allow'\ncondition: sel");
    assertTrue(hits(r, row("process", "devtunnel.exe host TUNNEL --ALLOW-anonymous")));
    assertFalse(hits(r, row("process", "devtunnel.exe host")));
  }

  @Test
  void startswithModifierMatchesPrefixOnly() {
    Rule r = rule("sel:\n  CommandLine|startswith: 'code'\ncondition: sel");
    assertTrue(hits(r, row("process", "Code.exe tunnel")));
    assertFalse(hits(r, row("process", "vscode tunnel")));
  }

  @Test
  void endswithModifierMatchesSuffixOnly() {
    Rule r = rule("sel:\n  Image|endswith: '\\devtunnel.exe'\ncondition: sel");
    assertTrue(hits(r, row("process_path", "C:\\Tools\\DevTunnel.exe")));
    assertFalse(hits(r, row("process_path", "C:\\Tools\\devtunnel.exe.bak")));
  }

  @Test
  void listOfValuesIsOr() {
    Rule r = rule("sel:\n  CommandLine|contains:\n    - 'host'\n    - 'create'\ncondition: sel");
    assertTrue(hits(r, row("process", "devtunnel create")));
    assertFalse(hits(r, row("process", "devtunnel list")));
  }

  @Test
  void allModifierRequiresEveryValue() {
    Rule r = rule("sel:\n  CommandLine|contains|all:\n    - 'host'\n    - '--allow-anonymous'\ncondition: sel");
    assertTrue(hits(r, row("process", "devtunnel host -p 80 --allow-anonymous")));
    assertFalse(hits(r, row("process", "devtunnel host -p 80")));
  }

  @Test
  void windashMatchesSlashForm() {
    Rule r = rule("sel:\n  CommandLine|windash|contains: ' -p '\ncondition: sel");
    assertTrue(hits(r, row("process", "devtunnel host /p 80")));
    assertTrue(hits(r, row("process", "devtunnel host -p 80")));
    assertFalse(hits(r, row("process", "devtunnel host p 80")));
  }

  @Test
  void windashMatchesUnicodeDashes() {
    Rule r = rule("sel:\n  CommandLine|windash|contains: ' -p '\ncondition: sel");
    assertTrue(hits(r, row("process", "devtunnel host \u2013p 80")));
    assertTrue(hits(r, row("process", "devtunnel host \u2014p 80")));
    assertTrue(hits(r, row("process", "devtunnel host \u2015p 80")));
  }

  @Test
  void windashLeavesHyphenInsideWordAlone() {
    Rule r = rule("sel:\n  CommandLine|windash|contains: 'allow-anonymous'\ncondition: sel");
    assertTrue(hits(r, row("process", "x --allow-anonymous")));
    assertFalse(hits(r, row("process", "x --allow/anonymous")));
  }

  @Test
  void reIsCaseSensitiveUnlessI() {
    Rule cased = rule("sel:\n  CommandLine|re: 'tunnel\\s+--name'\ncondition: sel");
    assertTrue(hits(cased, row("process", "code.exe tunnel  --name x")));
    assertFalse(hits(cased, row("process", "code.exe TUNNEL --name x")));
    Rule folded = rule("sel:\n  CommandLine|re|i: 'tunnel\\s+--name'\ncondition: sel");
    assertTrue(hits(folded, row("process", "code.exe TUNNEL --name x")));
  }

  @Test
  void reMultilineAndDotallFlags() {
    Rule m = rule("sel:\n  CommandLine|re|m: '^host$'\ncondition: sel");
    assertTrue(hits(m, row("process", "a\nhost\nb")));
    Rule plain = rule("sel:\n  CommandLine|re: '^host$'\ncondition: sel");
    assertFalse(hits(plain, row("process", "a\nhost\nb")));
    Rule s = rule("sel:\n  CommandLine|re|s: 'a.b'\ncondition: sel");
    assertTrue(hits(s, row("process", "a\nb")));
    assertFalse(hits(plain, row("process", "a\nb")));
  }

  @Test
  void re2RejectsBackreference() {
    assertEquals(List.of("t.yml:5: modifier 're': '(a)\\1' is not an RE2 regular expression: "
            + "invalid escape sequence (RE2 has no backreferences or lookaround)"),
        detectionProblems("sel:\n  CommandLine|re: '(a)\\1'\ncondition: sel"));
  }

  @Test
  void cidrMatchesAddressInsideNetwork() {
    Rule r = rule("sel:\n  DestinationIp|cidr: '10.0.0.0/8'\ncondition: sel");
    assertTrue(hits(r, row("dest_ip", "10.20.30.40")));
    assertFalse(hits(r, row("dest_ip", "11.0.0.1")));
  }

  @Test
  void cidrRejectsBadNetwork() {
    assertEquals(List.of("t.yml:5: modifier 'cidr': '10.0.0.0/33' has a prefix length outside 0..32"),
        detectionProblems("sel:\n  DestinationIp|cidr: '10.0.0.0/33'\ncondition: sel"));
  }

  @Test
  void existsTrueNeedsFieldAndFalseNeedsItAbsent() {
    Rule yes = rule("sel:\n  CommandLine|exists: true\ncondition: sel");
    Rule no = rule("sel:\n  CommandLine|exists: false\ncondition: sel");
    assertTrue(hits(yes, row("process", "")));
    assertFalse(hits(yes, row("user", "bob")));
    assertTrue(hits(no, row("user", "bob")));
    assertFalse(hits(no, row("process", "x")));
  }

  @Test
  void existsNeedsBoolean() {
    assertEquals(List.of("t.yml:5: modifier 'exists' expects true or false but was 'yes'"),
        detectionProblems("sel:\n  CommandLine|exists: yes\ncondition: sel"));
  }

  @Test
  void base64MatchesEncodedValue() {
    Rule r = rule("sel:\n  CommandLine|base64|contains: 'devtunnel host'\ncondition: sel");
    String enc = Base64.getEncoder().encodeToString("devtunnel host".getBytes(StandardCharsets.UTF_8));
    assertTrue(hits(r, row("process", "powershell -enc " + enc)));
    assertFalse(hits(r, row("process", "powershell -enc ZGV2")));
  }

  @Test
  void base64offsetContainsMatchesEveryOffset() {
    Rule r = rule("sel:\n  CommandLine|base64offset|contains: 'devtunnel'\ncondition: sel");
    for (String prefix : new String[] {"", "a", "ab", "abc", "abcd"}) {
      for (String suffix : new String[] {"", "x", "xy"}) {
        String enc = Base64.getEncoder().encodeToString(
            (prefix + "devtunnel" + suffix).getBytes(StandardCharsets.UTF_8));
        assertTrue(hits(r, row("process", "-e " + enc)), prefix + "/" + suffix);
      }
    }
    String other = Base64.getEncoder().encodeToString("code tunnel".getBytes(StandardCharsets.UTF_8));
    assertFalse(hits(r, row("process", "-e " + other)));
  }

  @Test
  void base64offsetVariantsAreThePySigmaOnes() {
    assertEquals(List.of("ZGV2dHVubmVs", "RldnR1bm5lb", "kZXZ0dW5uZW"),
        ValueCompiler.base64Offsets("devtunnel".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void wideBase64MatchesUtf16LittleEndian() {
    Rule r = rule("sel:\n  CommandLine|wide|base64offset|contains: 'devtunnel'\ncondition: sel");
    String enc = Base64.getEncoder().encodeToString("iex devtunnel host".getBytes(StandardCharsets.UTF_16LE));
    assertTrue(hits(r, row("process", "powershell -enc " + enc)));
    String utf8 = Base64.getEncoder().encodeToString("iex devtunnel host".getBytes(StandardCharsets.UTF_8));
    assertFalse(hits(r, row("process", "powershell -enc " + utf8)));
  }

  @Test
  void utf16beAndUtf16WithBomEncode() {
    Rule be = rule("sel:\n  CommandLine|utf16be|base64: 'ab'\ncondition: sel");
    assertTrue(hits(be, row("process", Base64.getEncoder().encodeToString(new byte[] {0, 'a', 0, 'b'}))));
    Rule bom = rule("sel:\n  CommandLine|utf16|base64: 'ab'\ncondition: sel");
    assertTrue(hits(bom, row("process",
        Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 'a', 0, 'b', 0}))));
  }

  @Test
  void encodingWithoutBase64IsProblem() {
    assertEquals(List.of("t.yml:5: 'CommandLine|utf16le': modifier 'utf16le' must be followed by 'base64' or 'base64offset'"),
        detectionProblems("sel:\n  CommandLine|utf16le: 'x'\ncondition: sel"));
  }

  @Test
  void base64OfWildcardIsProblem() {
    assertEquals(List.of("t.yml:5: modifier 'base64' cannot encode a value with wildcards: 'dev*'"),
        detectionProblems("sel:\n  CommandLine|base64: 'dev*'\ncondition: sel"));
  }

  @Test
  void fieldrefComparesTwoFields() {
    Rule r = rule("sel:\n  ParentImage|fieldref: Image\ncondition: sel");
    assertTrue(hits(r, row("parent_process_path", "C:\\A\\Code.exe", "process_path", "c:\\a\\code.exe")));
    assertFalse(hits(r, row("parent_process_path", "C:\\A\\Code.exe", "process_path", "c:\\a\\cmd.exe")));
  }

  @Test
  void fieldrefWithStartswith() {
    Rule r = rule("sel:\n  CommandLine|fieldref|startswith: Image\ncondition: sel");
    assertTrue(hits(r, row("process", "C:\\a\\code.exe tunnel", "process_path", "C:\\a\\code.exe")));
    assertFalse(hits(r, row("process", "\"C:\\a\\code.exe\" tunnel", "process_path", "C:\\a\\code.exe")));
  }

  @Test
  void casedModifierIsCaseSensitive() {
    Rule r = rule("sel:\n  CommandLine|cased|contains: 'Tunnel'\ncondition: sel");
    assertTrue(hits(r, row("process", "x Tunnel y")));
    assertFalse(hits(r, row("process", "x tunnel y")));
  }

  @Test
  void numericComparisons() {
    Rule gt = rule("sel:\n  DestinationPort|gt: 1024\ncondition: sel");
    assertTrue(hits(gt, row("dest_port", "8080")));
    assertFalse(hits(gt, row("dest_port", "443")));
    assertFalse(hits(gt, row("dest_port", "http")));
    Rule lte = rule("sel:\n  DestinationPort|lte: 443\ncondition: sel");
    assertTrue(hits(lte, row("dest_port", "443")));
    assertFalse(hits(lte, row("dest_port", "444")));
  }

  @Test
  void numericNeedsNumber() {
    assertEquals(List.of("t.yml:5: modifier 'lt' expects a number but was 'ten'"),
        detectionProblems("sel:\n  DestinationPort|lt: ten\ncondition: sel"));
  }

  @Test
  void unknownModifierIsNamed() {
    assertEquals(List.of("t.yml:5: 'CommandLine|contain': unknown modifier 'contain'"),
        detectionProblems("sel:\n  CommandLine|contain: x\ncondition: sel"));
  }

  @Test
  void expandIsUnsupported() {
    assertEquals(List.of("t.yml:5: 'User|expand': unsupported modifier 'expand' (placeholders need a processing pipeline)"),
        detectionProblems("sel:\n  User|expand: '%admins%'\ncondition: sel"));
  }

  @Test
  void reWithContainsIsProblem() {
    assertEquals(List.of("t.yml:5: 'CommandLine|re|contains': modifier 'contains' cannot be combined with 're'"),
        detectionProblems("sel:\n  CommandLine|re|contains: x\ncondition: sel"));
    assertEquals(List.of("t.yml:5: 'CommandLine|contains|re': modifier 're' cannot be combined with 'contains'"),
        detectionProblems("sel:\n  CommandLine|contains|re: x\ncondition: sel"));
  }

  @Test
  void cidrWithStartswithIsProblem() {
    assertEquals(List.of("t.yml:5: 'DestinationIp|cidr|startswith': modifier 'startswith' cannot be combined with 'cidr'"),
        detectionProblems("sel:\n  DestinationIp|cidr|startswith: 10.0.0.0/8\ncondition: sel"));
  }

  @Test
  void twoPositionModifiersAreProblem() {
    assertEquals(List.of("t.yml:5: 'CommandLine|contains|endswith': modifier 'endswith' cannot be combined with 'contains'"),
        detectionProblems("sel:\n  CommandLine|contains|endswith: x\ncondition: sel"));
  }

  @Test
  void reSubModifierWithoutReIsProblem() {
    assertEquals(List.of("t.yml:5: 'CommandLine|i': modifier 'i' is a sub-modifier of 're' and must follow it"),
        detectionProblems("sel:\n  CommandLine|i: x\ncondition: sel"));
  }

  @Test
  void existsWithOtherModifiersIsProblem() {
    assertEquals(List.of("t.yml:5: 'CommandLine|exists|all': modifier 'exists' cannot be combined with other modifiers"),
        detectionProblems("sel:\n  CommandLine|exists|all: true\ncondition: sel"));
  }
}
