package org.idetunnelrisk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class NecessaryTest {
  private static Matcher field(String name, ValueTest test) {
    return new Matcher.Field(name, test);
  }

  private static Glob glob(String pattern) {
    return new Glob(pattern, new boolean[pattern.length()]);
  }

  @Test
  void aRuleDerivesItsConditionOnceWhenBuilt() {
    Matcher m = field("process_name", new ValueTest.Equals("code.exe", false));
    Rule r = new Rule("id", "t", "s", "low", LogSource.ANY, m, null, "r.yml");
    assertSame(r.necessary(), r.necessary());
    assertEquals(new Necessary.Literal(0, "process_name", new ValueTest.Equals("code.exe", false)), r.necessary());
  }

  @Test
  void literalsAreNumberedInOrderAndUntestableMatchersNeedNothing() {
    Matcher m = new Matcher.AllOf(List.of(
        field("a", new ValueTest.Contains("xxxxx", false)),
        new Matcher.Not(field("b", new ValueTest.Contains("y", false))),
        new Matcher.AnyOf(List.of(field("c", new ValueTest.Contains("zzzzz", false)),
            new Matcher.Keyword(new ValueTest.Contains("kkkkk", false))))));
    Necessary n = Necessary.of(m);
    List<Necessary.Literal> leaves = n.literals();
    assertEquals(3, leaves.size());
    for (int i = 0; i < leaves.size(); i++) {
      assertEquals(i, leaves.get(i).leaf());
    }
    assertNull(leaves.stream().filter(l -> l.test().equals(new ValueTest.Contains("kkkkk", false))).findFirst()
        .orElseThrow().field(), "a keyword has no field");
    assertSame(Necessary.ANYTHING, Necessary.of(new Matcher.AnyOf(List.of(field("a", new ValueTest.Contains("x", false)),
        new Matcher.Not(field("b", new ValueTest.Contains("y", false)))))), "one branch with no literal: anything may pass");
    assertSame(Necessary.NEVER, Necessary.of(new Matcher.Const(false)));
  }

  @Test
  void aNullTestIsAnAbsenceThatHoldsUnlessTheReaderSawTheFieldWithAValue() {
    // the renamed VS Code CLI rule's shape: the verb, and an original file name that is empty or electron.exe
    Necessary n = Necessary.of(new Matcher.AllOf(List.of(field("cmd", new ValueTest.Contains(".exe tunnel", false)),
        new Matcher.AnyOf(List.of(new Matcher.FieldNull("original_file_name", "OriginalFileName"),
            field("original_file_name", new ValueTest.Equals("electron.exe", false)))),
        new Matcher.FieldNull("other"))));
    List<Necessary.Absent> absences = n.absences();
    assertEquals(2, absences.size());
    int[] bits = new int[2];
    for (Necessary.Absent a : absences) {
      assertEquals(a, absences.get(a.slot()), "numbered in slot order");
      assertEquals(a.field().equals("other") ? null : "OriginalFileName", a.own());
      bits[a.slot()] = a.field().equals("other") ? -1 : 5;
    }
    int[] atoms = new int[2];
    for (Necessary.Literal l : n.literals()) {
      atoms[l.leaf()] = l.field().equals("cmd") ? 0 : 1; // the verb, electron.exe
    }
    boolean[] verbOnly = {true, false};
    assertTrue(n.holds(verbOnly, atoms), "a reader that cannot tell takes every absence to hold");
    assertFalse(n.holds(verbOnly, atoms, 1L << 5, bits), "the original file name has a value that is not electron.exe");
    assertTrue(n.holds(new boolean[] {true, true}, atoms, 1L << 5, bits), "it is electron.exe");
    assertTrue(n.holds(verbOnly, atoms, 1L << 4, bits), "another field's value refutes nothing");
    assertFalse(n.holds(new boolean[] {false, true}, atoms, 0, bits), "no verb");
    assertEquals(List.of("cmd"), n.alternatives(l -> l.field(), (x, y) -> false),
        "an absence gives no alternative: the verb is what readers look for");
  }

  @Test
  void holdsReadsEachLiteralThroughTheReadersNumbering() {
    Necessary n = Necessary.of(new Matcher.AllOf(List.of(field("a", new ValueTest.Contains("one", false)),
        new Matcher.AnyOf(List.of(field("b", new ValueTest.Contains("two", false)),
            field("c", new ValueTest.Contains("three", false)))))));
    int[] atoms = new int[n.literals().size()];
    for (Necessary.Literal l : n.literals()) {
      atoms[l.leaf()] = List.of("one", "two", "three").indexOf(((ValueTest.Contains) l.test()).needle());
    }
    assertFalse(n.holds(new boolean[] {true, false, false}, atoms));
    assertTrue(n.holds(new boolean[] {true, false, true}, atoms));
    assertFalse(n.holds(new boolean[] {false, true, true}, atoms));
    atoms[0] = -1; // a literal the reader cannot look for counts as holding
    assertTrue(n.holds(new boolean[] {false, true, false}, atoms));
    assertFalse(Necessary.NEVER.holds(new boolean[0], new int[0]));
  }

  @Test
  void aPieceIsTheLongestSafeRunAsTheFormatWritesIt() {
    Necessary.Literal eq = new Necessary.Literal(0, "f", new ValueTest.Equals("c:\\temp\\.net\\devtunnel", false));
    assertEquals(new Necessary.Piece("c:\\temp\\.net\\devtunnel", true, true, true),
        eq.piece(Necessary.FIELD_SAFE, UnaryOperator.identity()));
    assertEquals(new Necessary.Piece("devtunnel", false, true, false), eq.piece(c -> c != '\\', UnaryOperator.identity()));
    assertEquals(new Necessary.Piece("c:\\\\temp\\\\.net\\\\devtunnel", true, true, true),
        eq.piece(Necessary.FIELD_SAFE, s -> s.replace("\\", "\\\\")));
    Necessary.Literal wild = new Necessary.Literal(0, "f", new ValueTest.Wildcard(glob("code*tunnel.exe"), false));
    assertEquals(new Necessary.Piece("tunnel.exe", false, true, false), wild.piece(Necessary.FIELD_SAFE, UnaryOperator.identity()));
    Necessary.Literal start = new Necessary.Literal(0, "f", new ValueTest.StartsWith("devtunnel ", false));
    assertEquals(new Necessary.Piece("devtunnel ", true, false, false), start.piece(Necessary.FIELD_SAFE, UnaryOperator.identity()));
    assertNull(new Necessary.Literal(0, "f", new ValueTest.Contains("\u00e9\u00e9", false))
        .piece(Necessary.FIELD_SAFE, UnaryOperator.identity()));
  }

  @Test
  void aShortAnchoredValueDoesNotGateWhenALongerPieceIsRequiredToo() {
    // Initiated: 'true' holds on every outbound connection; the host name is what makes the rule rare.
    Matcher m = new Matcher.AllOf(List.of(field("initiated", new ValueTest.Equals("true", false)),
        field("dest_host", new ValueTest.Contains("ngrok.io", false))));
    assertEquals(List.of(new FieldGate.Need("dest_host", "ngrok.io", FieldGate.Anchor.NONE)),
        FieldGate.needs(Necessary.of(m)));
  }

  @Test
  void aSelectiveAnchoredValueStillGatesBeforeALongerScan() {
    Matcher m = new Matcher.AllOf(List.of(field("process_name", new ValueTest.Equals("code.exe", false)),
        field("process", new ValueTest.Contains("--accept-server-license-terms", false))));
    assertEquals(List.of(new FieldGate.Need("process_name", "code.exe", FieldGate.Anchor.EQUALS)),
        FieldGate.needs(Necessary.of(m)));
  }

  @Test
  void aWildcardWithALiteralEndGatesOnTheEnd() {
    Matcher m = field("process_name", new ValueTest.Wildcard(glob("*tunnel.exe"), false));
    assertEquals(List.of(new FieldGate.Need("process_name", "tunnel.exe", FieldGate.Anchor.END)),
        FieldGate.needs(Necessary.of(m)));
  }
}
