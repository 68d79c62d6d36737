package org.idetunnelrisk.sigma;

import static org.idetunnelrisk.sigma.Fixtures.FIELDS;
import static org.idetunnelrisk.sigma.Fixtures.hits;
import static org.idetunnelrisk.sigma.Fixtures.load;
import static org.idetunnelrisk.sigma.Fixtures.problems;
import static org.idetunnelrisk.sigma.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {
  private static final String DETECTION = "detection:\n  sel:\n    CommandLine|contains: tunnel\n  condition: sel\n";
  private static final String GOOD = "title: Good\nid: good-1\nlevel: low\n" + DETECTION;

  @TempDir
  Path dir;

  private RuleLoader loader() {
    return new RuleLoader(FIELDS);
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void loadsRealSigmaHqRulesUnchanged() throws Exception {
    Path folder = Path.of(RuleLoaderTest.class.getResource("/sigma/sigmahq").toURI());
    RuleSet set = loader().load(List.of(folder));
    assertEquals(List.of(), problems(set));
    assertEquals(List.of("1cb0c6ce-3d00-44fc-ab9c-6d6d577bf20b", "74db3c13-352c-41e4-a33b-e46fbf8e5709",
        "90d6bd71-dffb-4989-8d86-a827fedd6624"), set.rules().stream().map(Rule::id).collect(Collectors.toList()));
    Rule vscode = set.rules().get(2);
    assertEquals("IDE Tunnel Risk - Visual Studio Code Tunnel Execution - Rule", vscode.searchName());
    assertEquals(new LogSource("process_creation", "windows", null), vscode.logSource());
    assertEquals(List.of("T1071.001"), vscode.risk().mitreAttack());
    assertTrue(hits(vscode, row("process", "C:\\Users\\x\\code.exe tunnel")));
    assertTrue(hits(vscode, row("process", "code.exe tunnel --name a --accept-server-license-terms",
        "original_file_name", "Code.exe")));
    assertTrue(!hits(vscode, row("process", "code.exe tunnel", "original_file_name", "Code.exe")));
    Rule dns = set.rules().get(0);
    assertTrue(hits(dns, row("query", "abc-8080.euw.devtunnels.ms")));
    assertTrue(!hits(dns, row("query", "devtunnels.ms.example.com")));
  }

  @Test
  void missingTitleIsProblem() {
    assertEquals(List.of("t.yml:1: rule has no title"), problems(load("level: low\n" + DETECTION)));
  }

  @Test
  void missingDetectionIsProblem() {
    assertEquals(List.of("t.yml:1: rule has no detection"), problems(load("title: T\n")));
  }

  @Test
  void unknownLevelIsProblem() {
    assertEquals(List.of("t.yml:2: unknown level 'severe' (expected informational, low, medium, high or critical)"),
        problems(load("title: T\nlevel: severe\n" + DETECTION)));
  }

  @Test
  void unknownTopLevelKeysAreAllowed() {
    RuleSet set = load("title: T\ncustom_attribute: anything\nlicense: DRL\n" + DETECTION);
    assertEquals(List.of(), problems(set));
  }

  @Test
  void unknownLogsourceKeyIsProblem() {
    assertEquals(List.of("t.yml:3: unknown logsource key 'categroy' (expected category, product, service or definition)"),
        problems(load("title: T\nlogsource:\n  categroy: process_creation\n" + DETECTION)));
  }

  @Test
  void idDefaultsToFileStem() {
    RuleSet set = new RuleLoader(FIELDS).loadText("title: T\n" + DETECTION, "rules/win/my_rule.yml");
    assertEquals("my_rule", set.rules().get(0).id());
  }

  @Test
  void incompleteCorrelationRuleNamesWhatIsMissing() {
    assertEquals(List.of("t.yml:3: correlation has no rules (the ids or names of the rules it correlates)",
        "t.yml:3: correlation has no group-by (required by the Sigma specification: the fields that must be equal,"
            + " such as the host)",
        "t.yml:3: correlation has no timespan (e.g. 10m, 1h)",
        "t.yml:3: a event_count correlation needs a condition (e.g. gte: 10)"),
        problems(load("title: T\ncorrelation:\n  type: event_count\n")));
    assertEquals(List.of("t.yml:2: unsupported feature: correlation rules ('type: correlation') are not supported"),
        problems(load("title: T\ntype: correlation\n" + DETECTION)));
  }

  @Test
  void incompleteFilterNamesWhatIsMissing() {
    assertEquals(List.of("t.yml:1: filter has no logsource (required by the Sigma filters specification)",
        "t.yml:3: filter has no condition"),
        problems(load("title: T\nfilter:\n  rules: [x]\n")));
  }

  @Test
  void v1CollectionIsRejected() {
    String yaml = "action: global\ntitle: T\n" + DETECTION + "---\nlogsource:\n  product: windows\n";
    assertEquals(List.of("t.yml:1: unsupported feature: Sigma v1 rule collections ('action: global') are not "
        + "supported; write each rule as a document of its own"), problems(load(yaml)));
  }

  @Test
  void actionKeyInOneDocumentIsRejected() {
    assertEquals(List.of("t.yml:1: unsupported feature: Sigma v1 rule collections ('action: global') are not supported"),
        problems(load("action: global\ntitle: T\n" + DETECTION)));
  }

  @Test
  void duplicateKeyIsProblem() {
    assertEquals(List.of("t.yml:2: invalid YAML: duplicate key 'title'"),
        problems(load("title: T\ntitle: U\n" + DETECTION)));
    assertEquals(List.of("t.yml:5: invalid YAML: duplicate key 'CommandLine|contains'"),
        problems(load("title: T\ndetection:\n  sel:\n    CommandLine|contains: a\n    CommandLine|contains: b\n  condition: sel\n")));
  }

  @Test
  void invalidYamlNamesTheLine() {
    assertEquals(List.of("t.yml:3: invalid YAML: while parsing a flow sequence: expected ',' or ']', but got <stream end>"),
        problems(load("title: T\ntags: [a, b\n")));
  }

  @Test
  void emptyFileIsProblem() {
    assertEquals(List.of("t.yml: empty file: no Sigma rule"), problems(load("# nothing\n")));
  }

  @Test
  void aliasBombIsRejectedQuickly() {
    StringBuilder y = new StringBuilder("title: T\n");
    y.append("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 9; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    y.append(DETECTION);
    assertEquals(List.of("t.yml: invalid YAML: more than 50 aliases to collections (an alias bomb?)"),
        problems(load(y.toString())));
  }

  @Test
  void nestingPastSixtyFourLevelsIsRefusedWithItsLine() {
    // the composer recurses once per level: the bound is checked as it reads, before it goes deeper
    String deep = "title: T\nx:\n  y: " + "[".repeat(Yaml.MAX_DEPTH + 1000) + "]".repeat(Yaml.MAX_DEPTH + 1000) + "\n" + DETECTION;
    assertEquals(List.of("t.yml:3: invalid YAML: maps and lists nested deeper than 64 levels"), problems(load(deep)));
    String edge = "title: T\nx: " + "[".repeat(Yaml.MAX_DEPTH - 1) + "]".repeat(Yaml.MAX_DEPTH - 1) + "\n" + DETECTION;
    assertFalse(problems(load(edge)).stream().anyMatch(p -> p.contains("nested deeper")), "64 levels are allowed");
  }

  @Test
  void doublingAliasesAreRejectedByExpandedSize() {
    StringBuilder y = new StringBuilder("title: T\nd0: &d0 [x, x]\n");
    for (int i = 1; i <= 25; i++) {
      y.append("d").append(i).append(": &d").append(i).append(" [*d").append(i - 1).append(", *d").append(i - 1).append("]\n");
    }
    y.append(DETECTION);
    assertEquals(List.of("t.yml: invalid YAML: more than 100000 nodes once aliases are expanded (an alias bomb?)"),
        problems(load(y.toString())));
  }

  @Test
  void fileOverOneMebibyteIsRefusedBeforeParsing() throws IOException {
    Path big = write("big.yml", "title: T\n#" + "x".repeat(1024 * 1024) + "\n");
    RuleSet set = loader().load(List.of(big));
    assertEquals(List.of(big + ": file is 1048587 bytes; rule files larger than 1048576 bytes (1 MiB) are refused"),
        problems(set));
  }

  @Test
  void badFileDoesNotStopOthers() throws IOException {
    write("a_bad.yml", "title: Bad\n" + DETECTION.replace("condition: sel", "condition: nope"));
    write("b_good.yml", GOOD);
    RuleSet set = loader().load(List.of(dir));
    assertEquals(List.of(dir.resolve("a_bad.yml") + ":5: unknown search identifier 'nope' in condition (defined: sel)"),
        problems(set));
    assertEquals(List.of("good-1"), set.rules().stream().map(Rule::id).collect(Collectors.toList()));
  }

  @Test
  void duplicateIdAcrossFilesIsProblem() throws IOException {
    write("one.yml", GOOD);
    write("sub/two.yaml", GOOD.replace("title: Good", "title: Other"));
    RuleSet set = loader().load(List.of(dir));
    assertEquals(List.of(dir.resolve("sub/two.yaml") + ":2: duplicate rule id 'good-1' (already used by "
        + dir.resolve("one.yml") + ":2)"), problems(set));
    assertEquals(1, set.rules().size());
  }

  @Test
  void loadRecursesSortsAndSkipsOtherExtensions() throws IOException {
    write("z.yml", GOOD.replace("good-1", "z"));
    write("a/b.yaml", GOOD.replace("good-1", "b"));
    write("a/notes.txt", "not a rule");
    RuleSet set = loader().load(List.of(dir));
    assertEquals(List.of(), problems(set));
    assertEquals(List.of("b", "z"), set.rules().stream().map(Rule::id).collect(Collectors.toList()));
  }

  @Test
  void missingPathIsProblem() {
    Path none = dir.resolve("none");
    assertEquals(List.of(none + ": no such file or directory"), problems(loader().load(List.of(none))));
  }

  @Test
  void invalidUtf8IsProblem() throws IOException {
    Path p = dir.resolve("bin.yml");
    Files.write(p, new byte[] {'t', ':', ' ', (byte) 0xff, '\n'});
    assertEquals(List.of(p + ": not valid UTF-8 text"), problems(loader().load(List.of(p))));
  }

  @Test
  void aShippedFolderWithNoRulesGivesAnEmptySet() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("rules-empty"));
    RuleSet set = loader().loadFolder(empty.toUri().toURL());
    assertTrue(set.ok());
    assertEquals(List.of(), set.rules());
  }

  @Test
  void shippedRulesLoadWithoutProblems() {
    RuleSet set = loader().loadShipped();
    assertEquals(List.of(), set.problems());
    assertTrue(set.rules().size() >= 8, "shipped rules: " + set.rules().size());
  }

  @Test
  void loadsRulesFromInsideAJar() throws Exception {
    Path jar = Files.createDirectories(dir.resolve("Program Files \u00e9")).resolve("app.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
      j.putNextEntry(new JarEntry("rules/"));
      j.closeEntry();
      j.putNextEntry(new JarEntry("rules/win/good.yml"));
      j.write(GOOD.getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
      j.putNextEntry(new JarEntry("rules/bad.yml"));
      j.write("title: [".getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
      j.putNextEntry(new JarEntry("rules-other/good.yml"));
      j.write(GOOD.replace("good-1", "other-1").getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    RuleSet set = loader().loadFolder(new URL("jar:" + jar.toUri() + "!/rules"));
    assertEquals(List.of("good-1"), set.rules().stream().map(Rule::id).collect(Collectors.toList()));
    assertEquals(1, set.problems().size());
    assertEquals("rules/bad.yml", set.problems().get(0).file());
  }

  @Test
  void problemRendersFileLineMessage() {
    assertEquals("a.yml:3: oops", new RuleProblem("a.yml", 3, "oops").toString());
    assertEquals("a.yml: oops", new RuleProblem("a.yml", 0, "oops").toString());
    assertEquals("a.yml:3: oops", new RuleException(new RuleProblem("a.yml", 3, "oops")).getMessage());
  }
}
