package org.idetunnelrisk.fields;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * <p>Where several lines give the same canonical field, the first line (in file order, the shipped file
 * before extensions) whose source field has a value wins, so a line order is a fallback chain: {@code dest}
 * is taken from {@code dest}, then {@code Computer}, then {@code ComputerName}...
 *
 * <p>Rule fields map through the first {@code copy}/{@code dash_null} line naming them as source, so a rule
 * written with {@code Image} tests the canonical {@code process_path}. Immutable and thread-safe.
 */
public final class FieldTable {
  /** Classpath location of the shipped table inside the jar. */
  public static final String SHIPPED_RESOURCE = "/fields/fields.csv";

  /** One mapping line. */
  public record Mapping(String source, String canonical, Transform transform, String origin) {}

  /** How values are carried from source to canonical. */
  public enum Transform { COPY, BASENAME, DASH_NULL, LOWER }

  private final List<Mapping> mappings;
  private final List<String> prefixes;
  private final Map<String, List<Mapping>> bySource;
  private final Map<String, String> ruleNames;
  private final List<String> canonicalFields;

  private FieldTable(List<Mapping> mappings, List<String> prefixes) {
    this.mappings = List.copyOf(mappings);
    this.prefixes = List.copyOf(prefixes);
    Map<String, List<Mapping>> bs = new HashMap<>();
    Map<String, String> rn = new HashMap<>();
    Set<String> canon = new LinkedHashSet<>();
    for (Mapping m : mappings) {
      bs.computeIfAbsent(m.source(), k -> new ArrayList<>()).add(m);
      if (m.transform() == Transform.COPY || m.transform() == Transform.DASH_NULL) {
        rn.putIfAbsent(m.source(), m.canonical());
      }
      canon.add(m.canonical());
    }
    this.bySource = bs;
    this.ruleNames = rn;
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

  /** This table extended by the lines of {@code file} (which come after, so shipped lines win ties). */
  public FieldTable extendedBy(Path file) throws IOException {
    FieldTable more = parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    List<Mapping> all = new ArrayList<>(mappings);
    all.addAll(more.mappings);
    List<String> pre = new ArrayList<>(prefixes);
    pre.addAll(more.prefixes);
    return new FieldTable(all, pre);
  }

  /**
   * Parses table text.
   *
   * @param origin the file name used in error messages
   * @throws FieldTableException naming {@code origin:line} for a malformed line
   */
  public static FieldTable parse(String text, String origin) {
    List<Mapping> out = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = origin + ":" + (i + 1);
      String[] cols = line.split(",", -1);
      if (cols.length < 2 || cols.length > 3) {
        throw new FieldTableException(where + ": expected 'source_field,canonical_field[,transform]' but was '" + line + "'");
      }
      String source = cols[0].strip();
      String canonical = cols[1].strip();
      if (source.isEmpty() || canonical.isEmpty()) {
        throw new FieldTableException(where + ": empty field name in '" + line + "'");
      }
      if (source.endsWith(".*")) {
        if (!canonical.equals("*")) {
          throw new FieldTableException(where + ": a prefix source '" + source + "' needs canonical '*' but was '" + canonical + "'");
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
          throw new FieldTableException(where + ": unknown transform '" + cols[2].strip()
              + "' (expected copy, basename, dash_null or lower)");
      }
      out.add(new Mapping(source, canonical, transform, where));
    }
    return new FieldTable(out, prefixes);
  }

  /** The canonical name for a field a rule names (prefix stripped, then mapped); the name itself when unknown. */
  public String ruleField(String name) {
    String n = stripPrefix(name);
    return ruleNames.getOrDefault(n, n);
  }

  /** Every canonical field name, in first-seen order: what risk events copy from a row. */
  public List<String> canonicalFields() {
    return canonicalFields;
  }

  public List<Mapping> mappings() {
    return mappings;
  }

  /**
   * Writes a source record into {@code row} under canonical names: prefixes stripped, mapped fields
   * transformed (first mapping with a value wins per canonical field), unmapped fields kept as named.
   *
   * @param record field name to values (values may be empty strings; null values are skipped)
   */
  public Row.Builder normalize(Map<String, List<String>> record, Row.Builder row) {
    Map<String, List<String>> rec = record;
    if (!prefixes.isEmpty()) {
      rec = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, List<String>> e : record.entrySet()) {
        String n = stripPrefix(e.getKey());
        if (!n.equals(e.getKey()) && record.containsKey(n)) {
          continue;
        }
        rec.putIfAbsent(n, e.getValue());
      }
    }
    for (Mapping m : mappings) {
      if (row.has(m.canonical())) {
        continue;
      }
      List<String> vals = rec.get(m.source());
      if (vals == null) {
        continue;
      }
      List<String> t = transform(vals, m.transform());
      if (!t.isEmpty()) {
        row.put(m.canonical(), t);
      }
    }
    for (Map.Entry<String, List<String>> e : rec.entrySet()) {
      String name = e.getKey();
      if (!bySource.containsKey(name) && !row.has(name)) {
        row.put(name, e.getValue());
      }
    }
    return row;
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
