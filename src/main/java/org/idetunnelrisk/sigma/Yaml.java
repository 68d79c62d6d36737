package org.idetunnelrisk.sigma;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads rule YAML into SnakeYAML Engine nodes (with their marks, for {@code file:line}) under documented
 * bounds against hostile input, and offers small node helpers.
 *
 * <h2>Bounds</h2>
 * <ul>
 *   <li>{@link #MAX_FILE_BYTES}: larger files are refused before parsing;
 *   <li>{@link #MAX_ALIASES}: aliases to collections per file ({@code setMaxAliasesForCollections});
 *   <li>recursive keys refused; {@link #MAX_CODE_POINTS} code points;
 *   <li>{@link #MAX_EXPANDED_NODES}: nodes the document would have with every alias expanded (stops a
 *       few aliases doubling their way to millions of nodes);
 *   <li>duplicate keys in any map are refused (the compose API does not check them);
 *   <li>{@link #MAX_DEPTH}: maps and lists nested deeper are refused, checked on the parser's event stream
 *       (iterative) before the composer (recursive) could overflow the stack.
 * </ul>
 * Scalars resolve with the YAML 1.2 core schema ({@code null}, {@code ~}, {@code true}, {@code 12}).
 * Stateless and thread-safe.
 */
final class Yaml {
  /** Largest rule file read: 1 MiB. */
  static final int MAX_FILE_BYTES = 1024 * 1024;
  /** Most aliases to collections in one file. */
  static final int MAX_ALIASES = 50;
  /** Most code points in one file: 3 MB. */
  static final int MAX_CODE_POINTS = 3 * 1024 * 1024;
  /** Most nodes a document may have with its aliases expanded. */
  static final int MAX_EXPANDED_NODES = 100_000;
  /** Deepest nesting of maps and lists; the composer recurses once per level, so this bounds its stack. */
  static final int MAX_DEPTH = 64;

  private Yaml() {}

  /**
   * Every document in {@code text}.
   *
   * @throws RuleException naming the place of the YAML error or the bound exceeded
   */
  static List<Node> documents(String text, String file) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(file)
        .setMaxAliasesForCollections(MAX_ALIASES)
        .setAllowRecursiveKeys(false)
        .setAllowDuplicateKeys(false)
        .setCodePointLimit(MAX_CODE_POINTS)
        .setSchema(new CoreSchema())
        .build();
    List<Node> docs = new ArrayList<>();
    try {
      Parser events = new DepthBound(new ParserImpl(settings, new StreamReader(settings, new PairSafeReader(text))), file);
      for (Iterator<Node> nodes = new Composer(settings, events); nodes.hasNext(); ) {
        docs.add(nodes.next());
      }
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      String what = (e.getContext() == null ? "" : e.getContext() + ": ") + e.getProblem();
      throw new RuleException(new RuleProblem(file, line, "invalid YAML: " + what.strip()));
    } catch (YamlEngineException e) {
      String m = String.valueOf(e.getMessage());
      if (m.startsWith("Number of aliases")) {
        throw new RuleException(new RuleProblem(file, 0,
            "invalid YAML: more than " + MAX_ALIASES + " aliases to collections (an alias bomb?)"));
      }
      throw new RuleException(new RuleProblem(file, 0, "invalid YAML: " + m.strip()));
    } catch (RuleException e) {
      throw e;
    } catch (RuntimeException e) {
      // SnakeYAML Engine fails unchecked on some malformed input, e.g. a tag that decodes to one with a
      // trailing space (IllegalArgumentException from Tag; found by fuzzing)
      throw new RuleException(new RuleProblem(file, 0, "invalid YAML: " + e.getMessage()));
    }
    for (Node d : docs) {
      checkExpandedSize(d, file);
    }
    return docs;
  }

  /**
   * The text for SnakeYAML Engine, never ending a read on a high surrogate: its {@code StreamReader}, when a
   * full buffer ends with one, reads the low surrogate past the end of its buffer and throws
   * IndexOutOfBoundsException (found by fuzzing: a rule with a character outside the Basic Multilingual
   * Plane at the 1025th position).
   */
  private static final class PairSafeReader extends Reader {
    private final String text;
    private int pos;

    PairSafeReader(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= text.length()) {
        return -1;
      }
      int n = Math.min(len, text.length() - pos);
      if (n > 1 && Character.isHighSurrogate(text.charAt(pos + n - 1))) {
        n--;
      }
      text.getChars(pos, pos + n, buf, off);
      pos += n;
      return n;
    }

    @Override
    public void close() {
      pos = text.length();
    }
  }

  /**
   * The parser's events as the composer takes them, refused past {@link #MAX_DEPTH} levels of maps and lists
   * before the composer recurses into them (so the text is parsed once, and the bound holds its stack).
   */
  private static final class DepthBound implements Parser {
    private final Parser parser;
    private final String file;
    private int depth;

    DepthBound(Parser parser, String file) {
      this.parser = parser;
      this.file = file;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
      return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
      return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
      return parser.hasNext();
    }

    @Override
    public Event next() {
      Event e = parser.next();
      Event.ID id = e.getEventId();
      if (id == Event.ID.MappingStart || id == Event.ID.SequenceStart) {
        if (++depth > MAX_DEPTH) {
          int line = e.getStartMark().map(m -> m.getLine() + 1).orElse(0);
          throw new RuleException(new RuleProblem(file, line,
              "invalid YAML: maps and lists nested deeper than " + MAX_DEPTH + " levels"));
        }
      } else if (id == Event.ID.MappingEnd || id == Event.ID.SequenceEnd) {
        depth--;
      }
      return e;
    }
  }

  private static void checkExpandedSize(Node root, String file) {
    Map<Node, Long> sizes = new IdentityHashMap<>();
    if (size(root, sizes, file) > MAX_EXPANDED_NODES) {
      throw new RuleException(new RuleProblem(file, 0, "invalid YAML: more than " + MAX_EXPANDED_NODES
          + " nodes once aliases are expanded (an alias bomb?)"));
    }
  }

  /** Expanded node count, memoized per node; -1 in the memo marks a node being counted (recursion). */
  private static long size(Node n, Map<Node, Long> sizes, String file) {
    Long known = sizes.get(n);
    if (known != null) {
      if (known < 0) {
        throw new RuleException(new RuleProblem(file, line(n), "invalid YAML: a recursive alias"));
      }
      return known;
    }
    sizes.put(n, -1L);
    long s = 1;
    if (n instanceof MappingNode) {
      Set<String> keys = new HashSet<>();
      for (NodeTuple t : ((MappingNode) n).getValue()) {
        String k = text(t.getKeyNode());
        if (k != null && !keys.add(k)) {
          throw new RuleException(new RuleProblem(file, line(t.getKeyNode()), "invalid YAML: duplicate key '" + k + "'"));
        }
        s += size(t.getKeyNode(), sizes, file) + size(t.getValueNode(), sizes, file);
        if (s > MAX_EXPANDED_NODES) {
          break;
        }
      }
    } else if (n instanceof SequenceNode) {
      for (Node c : ((SequenceNode) n).getValue()) {
        s += size(c, sizes, file);
        if (s > MAX_EXPANDED_NODES) {
          break;
        }
      }
    }
    s = Math.min(s, MAX_EXPANDED_NODES + 1L);
    sizes.put(n, s);
    return s;
  }

  /** The 1-based line where {@code n} starts, 0 when unknown. */
  static int line(Node n) {
    return n == null ? 0 : n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  static boolean isNull(Node n) {
    return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
  }

  /** The text of a scalar node, or null when the node is not a scalar or is YAML null. */
  static String text(Node n) {
    return n instanceof ScalarNode && !isNull(n) ? ((ScalarNode) n).getValue() : null;
  }

  /** What a node is, for messages: "a map", "a list", "null" or "a value". */
  /**
   * A document's top-level keys to their values, in order; a key that is not a name is a problem at its place
   * and left out.
   */
  static java.util.Map<String, Node> topLevel(org.snakeyaml.engine.v2.nodes.MappingNode root, Problems problems) {
    java.util.Map<String, Node> top = new java.util.LinkedHashMap<>();
    for (org.snakeyaml.engine.v2.nodes.NodeTuple t : root.getValue()) {
      String key = text(t.getKeyNode());
      if (key == null) {
        problems.add(t.getKeyNode(), "a top-level key must be a name but was " + kind(t.getKeyNode()));
        continue;
      }
      top.put(key, t.getValueNode());
    }
    return top;
  }

  static String kind(Node n) {
    if (n instanceof MappingNode) {
      return "a map";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    return isNull(n) ? "null" : "a value";
  }
}
