package org.idetunnelrisk.tuning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;

/**
 * The ATT&CK technique-to-tactic lookup, {@code lookups/ide_tunnel_risk_mitre_attack.csv}: one line per
 * technique and tactic, with the columns {@code mitre_technique_id, mitre_technique, mitre_tactic_id,
 * mitre_tactic} (the names of ES's {@code annotations.mitre_attack.*} fields). The shipped table is built from
 * MITRE ATT&CK Enterprise v19 for the techniques the shipped rules name and their parents; a content team
 * replaces or extends it with {@code lookups/ide_tunnel_risk_mitre_attack_local.csv}, whose techniques take the
 * place of the shipped lines of the same technique id (see {@code AppHome}).
 *
 * <p>Every line must have a technique id ({@code T1234} or {@code T1234.001}), a tactic id ({@code TA0011})
 * and both names; a problem is a {@link TuningException} naming {@code file:line}. Stateless.
 */
public final class TacticLookup {
  /** Classpath location of the shipped lookup inside the jar (for {@code scan} outside an app folder). */
  public static final String SHIPPED_RESOURCE = "/lookups/ide_tunnel_risk_mitre_attack.csv";
  /** The lookup's columns. */
  public static final List<String> COLUMNS =
      List.of("mitre_technique_id", "mitre_technique", "mitre_tactic_id", "mitre_tactic");

  private static final Pattern TECHNIQUE = Pattern.compile("T[0-9]{4}(\\.[0-9]{3})?");
  private static final Pattern TACTIC = Pattern.compile("TA[0-9]{4}");

  private TacticLookup() {}

  /** The lookup shipped inside the jar. */
  public static TacticTable shipped() {
    InputStream in = TacticLookup.class.getResourceAsStream(SHIPPED_RESOURCE);
    if (in == null) {
      throw new IllegalStateException("the shipped ATT&CK lookup " + SHIPPED_RESOURCE + " is missing from the jar");
    }
    try (RecordReader r = Readers.open(in, SHIPPED_RESOURCE)) {
      return read(r);
    } catch (IOException | InputException e) {
      throw new IllegalStateException("the shipped ATT&CK lookup cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a lookup file.
   *
   * @throws TuningException naming {@code file:line} for a line that is not a technique and tactic
   */
  public static TacticTable load(Path csv) throws IOException {
    try (RecordReader r = Readers.open(csv)) {
      return read(r);
    } catch (InputException e) {
      throw new TuningException(e.getMessage());
    }
  }

  private static TacticTable read(RecordReader r) throws IOException {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, List<TacticTable.Tactic>> tactics = new LinkedHashMap<>();
    Record rec;
    while ((rec = r.next()) != null) {
      String where = rec.origin() + ":" + rec.line();
      String id = column(rec, "mitre_technique_id", where).toUpperCase(Locale.ROOT);
      String name = column(rec, "mitre_technique", where);
      String tacticId = column(rec, "mitre_tactic_id", where).toUpperCase(Locale.ROOT);
      String tactic = column(rec, "mitre_tactic", where);
      if (!TECHNIQUE.matcher(id).matches()) {
        throw new TuningException(where + ": mitre_technique_id must be a technique id like T1219 or T1219.001 but was '"
            + id + "'");
      }
      if (!TACTIC.matcher(tacticId).matches()) {
        throw new TuningException(where + ": mitre_tactic_id must be a tactic id like TA0011 but was '" + tacticId + "'");
      }
      names.putIfAbsent(id, name);
      List<TacticTable.Tactic> list = tactics.computeIfAbsent(id, k -> new ArrayList<>());
      if (list.stream().noneMatch(t -> t.id().equals(tacticId))) {
        list.add(new TacticTable.Tactic(tacticId, tactic));
      }
    }
    List<TacticTable.Technique> out = new ArrayList<>();
    names.forEach((id, name) -> out.add(new TacticTable.Technique(id, name, tactics.get(id))));
    return TacticTable.of(out);
  }

  private static String column(Record rec, String name, String where) {
    List<String> v = rec.fields().get(name);
    if (v == null || v.isEmpty() || v.get(0).isBlank()) {
      throw new TuningException(where + ": " + name + " is empty (columns: " + String.join(", ", COLUMNS) + ")");
    }
    return v.get(0).strip();
  }
}
