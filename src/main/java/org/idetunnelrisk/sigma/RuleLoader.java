package org.idetunnelrisk.sigma;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Loads Sigma rule files into compiled {@link Rule}s, collecting every problem as {@code file:line: message}.
 *
 * <p>Each file is read as UTF-8 (at most {@link Yaml#MAX_FILE_BYTES}), composed with SnakeYAML Engine
 * under the bounds {@link Yaml} documents, and compiled; a file with any problem yields no rule, and the
 * other files still load. A rule id used by an earlier file is a problem. A file may hold several YAML
 * documents ({@code ---}): detection rules, Sigma correlation rules ({@link CorrelationCompiler}) and Sigma
 * filters ({@link FilterCompiler}), which {@link Linker} resolves across all files once they are read.
 * Sigma v1 collections ({@code action: global}) and aggregations are rejected.
 *
 * <pre>{@code
 * RuleSet set = new RuleLoader(FieldTable.shipped()).load(List.of(Path.of("rules")));
 * set.problems().forEach(p -> System.err.println(p));
 * }</pre>
 * Thread-safe: each call works on its own state.
 */
public final class RuleLoader {
  /** Classpath folder of the shipped rules. */
  public static final String SHIPPED_FOLDER = "/rules";

  private final FieldTable fields;

  public RuleLoader(FieldTable fields) {
    this.fields = fields;
  }

  /** Every {@code *.yml} under the classpath folder {@value #SHIPPED_FOLDER}; an empty set when there is none. */
  public RuleSet loadShipped() {
    return loadFolder(RuleLoader.class.getResource(SHIPPED_FOLDER));
  }

  /** Every rule file under a folder given as a {@code file:} or {@code jar:} URL; empty when {@code url} is null. */
  RuleSet loadFolder(URL url) {
    if (url == null) {
      return new RuleSet(List.of(), List.of());
    }
    URI uri;
    try {
      uri = url.toURI();
    } catch (URISyntaxException e) {
      return failed("shipped rules", "cannot read " + url + ": " + e.getMessage());
    }
    if ("jar".equals(uri.getScheme())) {
      return loadJarFolder(uri);
    }
    return loadTree(Path.of(uri), "rules/");
  }

  /**
   * The rule files under a {@code jar:file:...!/folder} URI, read with {@link JarFile} (the jar's own
   * reader, which the class loader has open already), not a zip file system, which costs tens of
   * milliseconds of class loading at every start.
   */
  private RuleSet loadJarFolder(URI uri) {
    String raw = uri.getRawSchemeSpecificPart();
    String decoded = uri.getSchemeSpecificPart();
    int bang = raw.indexOf("!/");
    if (bang < 0) {
      return failed("shipped rules", "cannot read " + uri + ": no entry path");
    }
    String folder = decoded.substring(decoded.indexOf("!/") + 2);
    String prefix = folder.endsWith("/") ? folder : folder + "/";
    Map<String, RuleText> files = new TreeMap<>();
    List<RuleProblem> problems = new ArrayList<>();
    try (JarFile jar = new JarFile(Path.of(URI.create(raw.substring(0, bang))).toFile())) {
      for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
        JarEntry e = en.nextElement();
        if (!e.isDirectory() && e.getName().startsWith(prefix) && isRuleFile(e.getName())) {
          byte[] bytes = e.getSize() > Yaml.MAX_FILE_BYTES ? null : jar.getInputStream(e).readAllBytes();
          long size = e.getSize();
          files.put("rules/" + e.getName().substring(prefix.length()), new RuleText() {
            @Override
            public long size() {
              return size;
            }

            @Override
            public byte[] bytes() {
              return bytes;
            }
          });
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      return failed("shipped rules", "cannot read the rules inside the jar: " + e.getMessage());
    }
    return loadFiles(files, problems);
  }

  /** A rule file's size and bytes, from a folder or from the jar. */
  private interface RuleText {
    long size() throws IOException;

    byte[] bytes() throws IOException;

    static RuleText of(Path p) {
      return new RuleText() {
        @Override
        public long size() throws IOException {
          return Files.size(p);
        }

        @Override
        public byte[] bytes() throws IOException {
          return Files.readAllBytes(p);
        }
      };
    }
  }

  private RuleSet loadTree(Path root, String prefix) {
    Map<String, RuleText> files = new TreeMap<>();
    List<RuleProblem> problems = new ArrayList<>();
    collect(root, files, problems, p -> prefix + root.relativize(p).toString().replace('\\', '/'));
    return loadFiles(files, problems);
  }

  /**
   * Loads rule files: each directory recursively ({@code *.yml} and {@code *.yaml}), each file as given;
   * all sorted by path for a stable order.
   */
  public RuleSet load(List<Path> dirsOrFiles) {
    Map<String, RuleText> files = new TreeMap<>();
    List<RuleProblem> problems = new ArrayList<>();
    for (Path p : dirsOrFiles) {
      if (Files.isDirectory(p)) {
        collect(p, files, problems, Path::toString);
      } else if (Files.isRegularFile(p)) {
        files.put(p.toString(), RuleText.of(p));
      } else {
        problems.add(new RuleProblem(p.toString(), 0, "no such file or directory"));
      }
    }
    return loadFiles(files, problems);
  }

  private interface Namer {
    String name(Path p);
  }

  private static void collect(Path dir, Map<String, RuleText> files, List<RuleProblem> problems, Namer namer) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).filter(p -> isRuleFile(p.getFileName().toString()))
          .forEach(p -> files.put(namer.name(p), RuleText.of(p)));
    } catch (IOException | java.io.UncheckedIOException e) {
      problems.add(new RuleProblem(dir.toString(), 0, "cannot list rule files: " + e.getMessage()));
    }
  }

  private static boolean isRuleFile(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".yml") || n.endsWith(".yaml");
  }

  /** Reads and compiles the files in order, each on its own, then collects them (ids are checked across files). */
  private RuleSet loadFiles(Map<String, RuleText> files, List<RuleProblem> problems) {
    Collector c = new Collector(problems);
    for (Map.Entry<String, RuleText> e : files.entrySet()) {
      c.add(compileFile(e.getKey(), e.getValue()));
    }
    return c.result();
  }

  private Compiled compileFile(String name, RuleText file) {
    String text;
    try {
      long size = file.size();
      if (size > Yaml.MAX_FILE_BYTES) {
        return Compiled.failed(tooLarge(name, size));
      }
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(file.bytes()))
          .toString();
    } catch (CharacterCodingException ex) {
      return Compiled.failed(new RuleProblem(name, 0, "not valid UTF-8 text"));
    } catch (IOException ex) {
      return Compiled.failed(new RuleProblem(name, 0, "cannot read: " + ex.getMessage()));
    }
    return compileText(text, name);
  }

  /** One file's text; {@code origin} names it in messages and gives the default id (its stem). */
  public RuleSet loadText(String yaml, String origin) {
    Collector c = new Collector(new ArrayList<>());
    c.add(compileText(yaml, origin));
    return c.result();
  }

  /**
   * One file compiled on its own: its rules (with their names and id lines), correlations and filters (all empty
   * when it has a problem), its problems, and where each rule names things (by rule id).
   */
  private record Compiled(String origin, List<Linker.Named> rules, List<CorrelationCompiler.Draft> correlations,
      List<FilterCompiler.Draft> filters, List<RuleProblem> problems, Map<String, RuleSource> sources) {
    static Compiled failed(RuleProblem p) {
      return failed(p.file(), List.of(p));
    }

    static Compiled failed(String origin, List<RuleProblem> problems) {
      return new Compiled(origin, List.of(), List.of(), List.of(), problems, Map.of());
    }
  }

  /**
   * Compiles each YAML document of a file: a correlation rule ({@code correlation:}), a filter ({@code filter:})
   * or a detection rule. A document without an {@code id} gets the file stem, the second such the stem and
   * {@code -2}, and so on.
   */
  private Compiled compileText(String text, String origin) {
    if (text.length() > Yaml.MAX_FILE_BYTES
        && text.getBytes(StandardCharsets.UTF_8).length > Yaml.MAX_FILE_BYTES) {
      return Compiled.failed(tooLarge(origin, text.getBytes(StandardCharsets.UTF_8).length));
    }
    Problems p = new Problems(origin);
    List<Node> docs;
    try {
      docs = Yaml.documents(text, p.file());
    } catch (RuleException e) {
      p.add(e.problem());
      return Compiled.failed(origin, p.list());
    }
    if (docs.isEmpty()) {
      p.add(new RuleProblem(p.file(), 0, "empty file: no Sigma rule"));
      return Compiled.failed(origin, p.list());
    }
    List<Linker.Named> rules = new ArrayList<>();
    List<CorrelationCompiler.Draft> correlations = new ArrayList<>();
    List<FilterCompiler.Draft> filters = new ArrayList<>();
    Map<String, RuleSource> sources = new HashMap<>();
    String stem = stem(p.file());
    int unnamed = 0;
    for (Node root : docs) {
      String defaultId = unnamed == 0 ? stem : stem + "-" + (unnamed + 1);
      if (!hasKey(root, "id")) {
        unnamed++;
      }
      if (docs.size() > 1 && hasKey(root, "action")) {
        // a v1 collection's other documents are fragments, not rules: one problem says it all
        p.add(root, "unsupported feature: Sigma v1 rule collections ('action: " + Yaml.text(value(root, "action"))
            + "') are not supported; write each rule as a document of its own");
        return Compiled.failed(origin, p.list());
      }
      if (hasKey(root, "correlation")) {
        CorrelationCompiler.Draft d = new CorrelationCompiler(fields, p).compile((MappingNode) root, defaultId);
        if (d != null) {
          correlations.add(d);
        }
      } else if (hasKey(root, "filter")) {
        FilterCompiler.Draft d = new FilterCompiler(fields, p).compile((MappingNode) root, defaultId);
        if (d != null) {
          filters.add(d);
        }
      } else {
        int usesBefore = p.uses().size();
        Rule r = new RuleCompiler(fields, p).compile(root, defaultId);
        if (r != null) {
          List<FieldUse> uses = p.uses().subList(usesBefore, p.uses().size());
          sources.put(r.id(), new RuleSource(origin, idLine(root), keyLine(root, "logsource"),
              uses.stream().sorted(java.util.Comparator.comparingInt(FieldUse::line)).toList()));
          String name = Yaml.text(value(root, "name"));
          rules.add(new Linker.Named(r, name == null || name.isBlank() ? null : name.strip(), origin, idLine(root)));
        }
      }
    }
    if (p.size() > 0) {
      return Compiled.failed(origin, p.list());
    }
    return new Compiled(origin, rules, correlations, filters, p.list(), sources);
  }

  private static boolean hasKey(Node root, String key) {
    return value(root, key) != null;
  }

  private static Node value(Node root, String key) {
    if (root instanceof MappingNode) {
      for (NodeTuple t : ((MappingNode) root).getValue()) {
        if (key.equals(Yaml.text(t.getKeyNode()))) {
          return t.getValueNode();
        }
      }
    }
    return null;
  }

  private static RuleProblem tooLarge(String name, long size) {
    return new RuleProblem(name, 0, "file is " + size + " bytes; rule files larger than "
        + Yaml.MAX_FILE_BYTES + " bytes (1 MiB) are refused");
  }

  private static RuleSet failed(String what, String message) {
    return new RuleSet(List.of(), List.of(new RuleProblem(what, 0, message)));
  }

  /** Collects compiled files in order, checking rule ids across files, then links correlations and filters. */
  private final class Collector {
    private final List<Linker.Named> rules = new ArrayList<>();
    private final List<CorrelationCompiler.Draft> correlations = new ArrayList<>();
    private final List<FilterCompiler.Draft> filters = new ArrayList<>();
    private final List<RuleProblem> problems;
    private final Map<String, String> idOrigin = new HashMap<>();
    private final Map<String, RuleSource> sources = new HashMap<>();

    Collector(List<RuleProblem> problems) {
      this.problems = problems;
    }

    void add(Compiled c) {
      problems.addAll(c.problems());
      for (Linker.Named n : c.rules()) {
        String first = idOrigin.putIfAbsent(n.rule().id(), c.origin() + ":" + n.line());
        if (first != null) {
          problems.add(new RuleProblem(c.origin(), n.line(), "duplicate rule id '" + n.rule().id()
              + "' (already used by " + first + ")"));
        } else {
          rules.add(n);
          RuleSource source = c.sources().get(n.rule().id());
          if (source != null) {
            sources.put(n.rule().id(), source);
          }
        }
      }
      correlations.addAll(c.correlations());
      filters.addAll(c.filters());
    }

    RuleSet result() {
      RuleSet linked = new Linker(fields, problems, new ArrayList<>()).link(rules, correlations, filters);
      return new RuleSet(linked.rules(), linked.problems(), linked.warnings(), linked.correlations(), sources);
    }
  }

  private static int idLine(Node root) {
    int line = keyLine(root, "id");
    return line > 0 ? line : Yaml.line(root);
  }

  /** The line of a top-level key's value, or 0 when the rule has no such key. */
  private static int keyLine(Node root, String key) {
    if (root instanceof MappingNode) {
      for (NodeTuple t : ((MappingNode) root).getValue()) {
        if (key.equals(Yaml.text(t.getKeyNode()))) {
          return Yaml.line(t.getValueNode());
        }
      }
    }
    return 0;
  }

  private static String stem(String origin) {
    String n = origin.replace('\\', '/');
    n = n.substring(n.lastIndexOf('/') + 1);
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
