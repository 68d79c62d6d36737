package org.idetunnelrisk.sigma;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
 * other files still load. A rule id used by an earlier file is a problem. One YAML document per file:
 * Sigma v1 collections are rejected, as are correlation rules, filters and aggregations.
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
      FileSystem fs;
      boolean opened = false;
      try {
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
          opened = true;
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        try {
          String s = uri.toString();
          return loadTree(fs.getPath(s.substring(s.indexOf("!/") + 1)), "rules/");
        } finally {
          if (opened) {
            fs.close();
          }
        }
      } catch (IOException e) {
        return failed("shipped rules", "cannot read the rules inside the jar: " + e.getMessage());
      }
    }
    return loadTree(Path.of(uri), "rules/");
  }

  private RuleSet loadTree(Path root, String prefix) {
    Map<String, Path> files = new TreeMap<>();
    List<RuleProblem> problems = new ArrayList<>();
    collect(root, files, problems, p -> prefix + root.relativize(p).toString().replace('\\', '/'));
    return loadFiles(files, problems);
  }

  /**
   * Loads rule files: each directory recursively ({@code *.yml} and {@code *.yaml}), each file as given;
   * all sorted by path for a stable order.
   */
  public RuleSet load(List<Path> dirsOrFiles) {
    Map<String, Path> files = new TreeMap<>();
    List<RuleProblem> problems = new ArrayList<>();
    for (Path p : dirsOrFiles) {
      if (Files.isDirectory(p)) {
        collect(p, files, problems, Path::toString);
      } else if (Files.isRegularFile(p)) {
        files.put(p.toString(), p);
      } else {
        problems.add(new RuleProblem(p.toString(), 0, "no such file or directory"));
      }
    }
    return loadFiles(files, problems);
  }

  private interface Namer {
    String name(Path p);
  }

  private static void collect(Path dir, Map<String, Path> files, List<RuleProblem> problems, Namer namer) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).filter(RuleLoader::isRuleFile).forEach(p -> files.put(namer.name(p), p));
    } catch (IOException | java.io.UncheckedIOException e) {
      problems.add(new RuleProblem(dir.toString(), 0, "cannot list rule files: " + e.getMessage()));
    }
  }

  private static boolean isRuleFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yml") || n.endsWith(".yaml");
  }

  private RuleSet loadFiles(Map<String, Path> files, List<RuleProblem> problems) {
    Collector c = new Collector(problems);
    for (Map.Entry<String, Path> e : files.entrySet()) {
      String name = e.getKey();
      String text;
      try {
        long size = Files.size(e.getValue());
        if (size > Yaml.MAX_FILE_BYTES) {
          problems.add(tooLarge(name, size));
          continue;
        }
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(Files.readAllBytes(e.getValue())))
            .toString();
      } catch (CharacterCodingException ex) {
        problems.add(new RuleProblem(name, 0, "not valid UTF-8 text"));
        continue;
      } catch (IOException ex) {
        problems.add(new RuleProblem(name, 0, "cannot read: " + ex.getMessage()));
        continue;
      }
      c.add(text, name);
    }
    return c.result();
  }

  /** One file's text; {@code origin} names it in messages and gives the default id (its stem). */
  public RuleSet loadText(String yaml, String origin) {
    Collector c = new Collector(new ArrayList<>());
    c.add(yaml, origin);
    return c.result();
  }

  private static RuleProblem tooLarge(String name, long size) {
    return new RuleProblem(name, 0, "file is " + size + " bytes; rule files larger than "
        + Yaml.MAX_FILE_BYTES + " bytes (1 MiB) are refused");
  }

  private static RuleSet failed(String what, String message) {
    return new RuleSet(List.of(), List.of(new RuleProblem(what, 0, message)));
  }

  /** Compiles files one by one, keeping rules in order and checking ids across files. */
  private final class Collector {
    private final List<Rule> rules = new ArrayList<>();
    private final List<RuleProblem> problems;
    private final Map<String, String> idOrigin = new HashMap<>();
    /** Line of the current file's id (or its root), set by {@link #compile}. */
    private int idLine;

    Collector(List<RuleProblem> problems) {
      this.problems = problems;
    }

    void add(String text, String origin) {
      if (text.length() > Yaml.MAX_FILE_BYTES
          && text.getBytes(StandardCharsets.UTF_8).length > Yaml.MAX_FILE_BYTES) {
        problems.add(tooLarge(origin, text.getBytes(StandardCharsets.UTF_8).length));
        return;
      }
      Problems p = new Problems(origin);
      Rule r = compile(text, p);
      if (r != null) {
        String first = idOrigin.putIfAbsent(r.id(), origin + ":" + idLine);
        if (first != null) {
          p.add(new RuleProblem(origin, idLine, "duplicate rule id '" + r.id() + "' (already used by " + first + ")"));
          r = null;
        }
      }
      problems.addAll(p.list());
      if (r != null) {
        rules.add(r);
      }
    }

    private Rule compile(String text, Problems p) {
      List<Node> docs;
      try {
        docs = Yaml.documents(text, p.file());
      } catch (RuleException e) {
        p.add(e.problem());
        return null;
      }
      if (docs.isEmpty()) {
        p.add(new RuleProblem(p.file(), 0, "empty file: no Sigma rule"));
        return null;
      }
      if (docs.size() > 1) {
        p.add(docs.get(1), "unsupported feature: " + docs.size()
            + " YAML documents in one file (Sigma v1 rule collections, 'action: global'); write one rule per file");
        return null;
      }
      Node root = docs.get(0);
      idLine = idLine(root);
      return new RuleCompiler(fields, p).compile(root, stem(p.file()));
    }

    RuleSet result() {
      return new RuleSet(rules, problems);
    }
  }

  private static int idLine(Node root) {
    if (root instanceof MappingNode) {
      for (NodeTuple t : ((MappingNode) root).getValue()) {
        if ("id".equals(Yaml.text(t.getKeyNode()))) {
          return Yaml.line(t.getValueNode());
        }
      }
    }
    return Yaml.line(root);
  }

  private static String stem(String origin) {
    String n = origin.replace('\\', '/');
    n = n.substring(n.lastIndexOf('/') + 1);
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
