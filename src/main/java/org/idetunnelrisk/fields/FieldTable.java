package org.idetunnelrisk.fields;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.idetunnelrisk.engine.Row;

/**
 * The field table: source field names to canonical ones, with a transform.
 *
 * <h2>File format</h2>
 * UTF-8 text, one mapping per line: {@code source_field,canonical_field[,transform]}. Blank lines and lines
 * starting with {@code #} are ignored. Transforms:
 * <ul>
 *   <li>(empty) or {@code copy}: the values as they are;
 *   <li>{@code basename}: the part after the last {@code \} or {@code /} (a path to a file name);
 *   <li>{@code dash_null}: as copy, but Sysmon's literal {@code -} (no version resource) counts as no value;
 *   <li>{@code lower}: folded to lower case.
 * </ul>
 * A source of the form {@code Prefix.*} with canonical {@code *} strips that prefix from every field name
 * (CIM datamodel names such as {@code Processes.process_name}).
 *
 * <p>Where several lines give the same canonical field, the first line whose source field has a value wins, so
 * a line order is a fallback chain: {@code dest} is taken from {@code dest}, then {@code Computer}, then
 * {@code ComputerName}... An extension's lines ({@link #extendedBy}: {@code scan --fields}, the app's
 * {@code local/fields.csv}) come before the lines it extends, so a content team's {@code Hostname,dest} is
 * tried before the shipped {@code host,dest}; within one file, file order holds.
 *
 * <p>Rule fields map through the first {@code copy}/{@code dash_null} line naming them as source, the shipped
 * lines first, so a rule written with {@code Image} tests the canonical {@code process_path} whatever an
 * extension maps {@code Image} to (an extension cannot change what the shipped rules test). Immutable and
 * thread-safe.
 */
public final class FieldTable {
  /** Classpath location of the shipped table inside the jar. */
  public static final String SHIPPED_RESOURCE = "/fields/fields.csv";

  /** One mapping line. */
  public record Mapping(String source, String canonical, Transform transform, String origin) {}

  /** How values are carried from source to canonical. */
  public enum Transform { COPY, BASENAME, DASH_NULL, LOWER }

  /** Every line, in the order values are tried: the newest extension's lines first, the shipped ones last. */
  private final List<Mapping> mappings;
  /** The same lines in the order names come from: the shipped lines first, then each extension's. */
  private final List<Mapping> naming;
  private final List<String> prefixes;
  /** Per source field, the indexes of its mappings in {@link #mappings}, ascending. */
  private final Map<String, int[]> mappingIdsBySource;
  private static final int[] NO_IDS = new int[0];
  private final Map<String, String> ruleNames;
  /** Per rule field name, the line it maps through (see {@link #ruleField}). */
  private final Map<String, Mapping> ruleMappings;
  private final List<String> canonicalFields;

  /**
   * @param mappings the lines in the order values are tried
   * @param naming the same lines in the order rule field names and the canonical field order come from: the
   *     shipped lines first, then each extension's
   */
  private FieldTable(List<Mapping> mappings, List<Mapping> naming, List<String> prefixes) {
    this.mappings = List.copyOf(mappings);
    this.naming = List.copyOf(naming);
    this.prefixes = List.copyOf(prefixes);
    Map<String, int[]> ids = new HashMap<>();
    for (int i = 0; i < this.mappings.size(); i++) {
      Mapping m = this.mappings.get(i);
      int[] old = ids.get(m.source());
      int[] n = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
      n[n.length - 1] = i;
      ids.put(m.source(), n);
    }
    Map<String, String> rn = new HashMap<>();
    Map<String, Mapping> rm = new HashMap<>();
    Set<String> canon = new LinkedHashSet<>();
    for (Mapping m : this.naming) {
      if ((m.transform() == Transform.COPY || m.transform() == Transform.DASH_NULL)
          && rn.putIfAbsent(m.source(), m.canonical()) == null && !m.source().equals(m.canonical())) {
        rm.put(m.source(), m);
      }
      canon.add(m.canonical());
    }
    this.mappingIdsBySource = ids;
    this.ruleNames = rn;
    this.ruleMappings = rm;
    this.canonicalFields = List.copyOf(canon);
  }

  /** The table shipped inside the jar. */
  public static FieldTable shipped() {
    try (InputStream in = FieldTable.class.getResourceAsStream(SHIPPED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the shipped field table " + SHIPPED_RESOURCE + " is missing from the jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "fields.csv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * This table extended by the lines of {@code file}, which are tried before this table's: for a canonical field
   * both give, a line of {@code file} whose source has a value wins. Rule field names keep this table's meaning.
   *
   * @throws FieldTableException naming {@code file:line} for every malformed line
   */
  public FieldTable extendedBy(Path file) throws IOException {
    return extendedBy(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
  }

  /** This table extended by {@code more}, whose lines are tried first (see {@link #extendedBy(Path)}). */
  public FieldTable extendedBy(FieldTable more) {
    List<Mapping> tried = new ArrayList<>(more.mappings);
    tried.addAll(mappings);
    List<Mapping> names = new ArrayList<>(naming);
    names.addAll(more.naming);
    List<String> pre = new ArrayList<>(prefixes);
    pre.addAll(more.prefixes);
    return new FieldTable(tried, names, pre);
  }

  /**
   * Parses table text.
   *
   * @param origin the file name used in error messages
   * @throws FieldTableException naming {@code origin:line} for every malformed line, all of them at once
   */
  public static FieldTable parse(String text, String origin) {
    List<Mapping> out = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = origin + ":" + (i + 1);
      String[] cols = line.split(",", -1);
      if (cols.length < 2 || cols.length > 3) {
        problems.add(where + ": expected 'source_field,canonical_field[,transform]' but was '" + line + "'");
        continue;
      }
      String source = cols[0].strip();
      String canonical = cols[1].strip();
      if (source.isEmpty() || canonical.isEmpty()) {
        problems.add(where + ": empty field name in '" + line + "'");
        continue;
      }
      if (source.endsWith(".*")) {
        if (!canonical.equals("*")) {
          problems.add(where + ": a prefix source '" + source + "' needs canonical '*' but was '" + canonical + "'");
          continue;
        }
        prefixes.add(source.substring(0, source.length() - 1));
        continue;
      }
      String t = cols.length == 3 ? cols[2].strip().toLowerCase(Locale.ROOT) : "";
      Transform transform;
      switch (t) {
        case "": case "copy": transform = Transform.COPY; break;
        case "basename": transform = Transform.BASENAME; break;
        case "dash_null": transform = Transform.DASH_NULL; break;
        case "lower": transform = Transform.LOWER; break;
        default:
          problems.add(where + ": unknown transform '" + cols[2].strip()
              + "' (expected copy, basename, dash_null or lower)");
          continue;
      }
      out.add(new Mapping(source, canonical, transform, where));
    }
    if (!problems.isEmpty()) {
      throw new FieldTableException(problems);
    }
    return new FieldTable(out, out, prefixes);
  }

  /** The canonical name for a field a rule names (prefix stripped, then mapped); the name itself when unknown. */
  public String ruleField(String name) {
    String n = stripPrefix(name);
    return ruleNames.getOrDefault(n, n);
  }

  /**
   * The source name a rule field stands for when it maps to another canonical name ({@code TargetUserName} for
   * {@code user}), prefix stripped: a row keeps that source's own values where its canonical field took
   * another source's ({@link #normalize}), and the rule reads them first. Null when the rule names a canonical
   * field or one the table does not map.
   */
  public String ruleOwnName(String name) {
    String n = stripPrefix(name);
    return ruleMappings.containsKey(n) ? n : null;
  }

  /**
   * The mapping through which {@link #normalize} keeps the values of the record field a rule names by its own
   * name ({@link #ruleOwnName}) when another source gave the canonical field: a {@code copy} or
   * {@code dash_null} line; null when the name has none.
   */
  public Mapping ruleMapping(String ownName) {
    return ruleMappings.get(ownName);
  }

  /**
   * Every row field that the values of a record field named {@code recordField} may reach through
   * {@link #normalize}: its name with any datamodel prefix stripped (kept as named when unmapped), and the
   * canonical field of each mapping from it, whatever its transform. An over-approximation: whether a
   * mapping wins depends on the other fields of the record.
   */
  public Set<String> reach(String recordField) {
    String n = stripPrefix(recordField);
    Set<String> out = new LinkedHashSet<>();
    for (String name : n.indexOf(' ') < 0 ? List.of(n) : List.of(n, unspaced(n))) {
      out.add(name);
      for (int id : mappingIdsBySource.getOrDefault(name, NO_IDS)) {
        out.add(mappings.get(id).canonical());
      }
    }
    return out;
  }

  /**
   * A field name without its spaces: Windows Defender and other providers name event data {@code Threat Name}
   * or {@code Source Name}, where Sigma rules write {@code ThreatName} and {@code SourceName}.
   */
  static String unspaced(String name) {
    return name.replace(" ", "");
  }

  /**
   * {@link #reach}, less every field some mapping reaches by cutting the value to its file name: the fields
   * whose values, when they come from {@code recordField}, always begin where its value begins.
   */
  public Set<String> reachKeepingStart(String recordField) {
    String n = stripPrefix(recordField);
    Set<String> out = reach(recordField);
    for (int id : mappingIdsBySource.getOrDefault(n, NO_IDS)) {
      if (mappings.get(id).transform() == Transform.BASENAME) {
        out.remove(mappings.get(id).canonical());
      }
    }
    return out;
  }

  /**
   * Every canonical field name, in first-seen order (shipped lines first): what risk events copy from a row, and
   * every name a rule can test that the table produces.
   */
  public List<String> canonicalFields() {
    return canonicalFields;
  }

  /** Every line, in the order values are tried (an extension's lines before the lines it extends). */
  public List<Mapping> mappings() {
    return mappings;
  }

  /**
   * Writes a source record into {@code row} under canonical names: prefixes stripped, mapped fields
   * transformed (first mapping with a value wins per canonical field), unmapped fields kept as named; a field
   * named with spaces ({@code Threat Name}) is also read under its name without them ({@code ThreatName}). A
   * mapped source field that lost its canonical field to another source ({@code TargetUserName} where
   * {@code SubjectUserName} gave {@code user}) is kept under its own name for the rules that name it
   * ({@link Row.Builder#own}): the canonical name is an addition, never a merge that loses a distinction.
   *
   * @param record field name to values (values may be empty strings; null values are skipped)
   */
  public Row.Builder normalize(Map<String, List<String>> record, Row.Builder row) {
    Map<String, List<String>> rec = prefixes.isEmpty() || !anyPrefixed(record) ? record : stripped(record);
    rec = withUnspacedNames(rec);
    // Per canonical field, the first mapping (in table order) whose source has a value wins: walk the
    // record's fields (a dozen) rather than the table (over a hundred lines), keeping the earliest winner.
    Map<String, Winner> winners = new HashMap<>();
    for (Map.Entry<String, List<String>> e : rec.entrySet()) {
      int[] ids = mappingIdsBySource.get(e.getKey());
      if (ids == null) {
        continue;
      }
      for (int id : ids) {
        Mapping m = mappings.get(id);
        Winner w = winners.get(m.canonical());
        if (w != null && w.id < id || row.has(m.canonical())) {
          continue;
        }
        List<String> t = transform(e.getValue(), m.transform());
        if (!t.isEmpty()) {
          winners.put(m.canonical(), new Winner(id, t));
        }
      }
    }
    if (!winners.isEmpty()) {
      List<Map.Entry<String, Winner>> ordered = new ArrayList<>(winners.entrySet());
      ordered.sort((x, y) -> Integer.compare(x.getValue().id, y.getValue().id));
      for (Map.Entry<String, Winner> w : ordered) {
        row.put(w.getKey(), w.getValue().values);
      }
    }
    for (Map.Entry<String, List<String>> e : rec.entrySet()) {
      String name = e.getKey();
      if (!mappingIdsBySource.containsKey(name)) {
        if (!row.has(name)) {
          row.put(name, e.getValue());
        }
        continue;
      }
      Mapping m = ruleMappings.get(name);
      if (m != null) {
        Winner w = winners.get(m.canonical());
        if (w == null || !mappings.get(w.id).source().equals(name)) {
          row.own(name, m.canonical(), transform(e.getValue(), m.transform()));
        }
      }
    }
    return row;
  }

  /**
   * The record with each field named with spaces also under its {@linkplain #unspaced unspaced} name, unless
   * the record has that name already; the record itself when no name has a space.
   */
  private static Map<String, List<String>> withUnspacedNames(Map<String, List<String>> record) {
    Map<String, List<String>> out = null;
    for (Map.Entry<String, List<String>> e : record.entrySet()) {
      if (e.getKey().indexOf(' ') >= 0) {
        String alias = unspaced(e.getKey());
        if (!record.containsKey(alias)) {
          if (out == null) {
            out = new java.util.LinkedHashMap<>(record);
          }
          out.putIfAbsent(alias, e.getValue());
        }
      }
    }
    return out == null ? record : out;
  }

  /** The mapping that gives a canonical field its values: its line's index, and the transformed values. */
  private record Winner(int id, List<String> values) {}

  private boolean anyPrefixed(Map<String, List<String>> record) {
    for (String k : record.keySet()) {
      if (!stripPrefix(k).equals(k)) {
        return true;
      }
    }
    return false;
  }

  /** The record with prefixes stripped; a stripped name the record also has unprefixed keeps that one. */
  private Map<String, List<String>> stripped(Map<String, List<String>> record) {
    Map<String, List<String>> rec = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : record.entrySet()) {
      String n = stripPrefix(e.getKey());
      if (!n.equals(e.getKey()) && record.containsKey(n)) {
        continue;
      }
      rec.putIfAbsent(n, e.getValue());
    }
    return rec;
  }

  private String stripPrefix(String name) {
    for (String p : prefixes) {
      if (name.length() > p.length() && name.startsWith(p)) {
        return name.substring(p.length());
      }
    }
    return name;
  }

  private static List<String> transform(List<String> vals, Transform t) {
    List<String> out = new ArrayList<>(vals.size());
    for (String v : vals) {
      if (v == null) {
        continue;
      }
      switch (t) {
        case BASENAME: {
          int cut = Math.max(v.lastIndexOf('\\'), v.lastIndexOf('/'));
          String b = v.substring(cut + 1);
          if (!b.isEmpty()) {
            out.add(b);
          }
          break;
        }
        case DASH_NULL:
          if (!v.equals("-") && !v.isEmpty()) {
            out.add(v);
          }
          break;
        case LOWER:
          out.add(v.toLowerCase(Locale.ROOT));
          break;
        default:
          out.add(v);
      }
    }
    return out;
  }
}
