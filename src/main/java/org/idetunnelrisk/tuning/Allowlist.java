package org.idetunnelrisk.tuning;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.idetunnelrisk.engine.Glob;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;

/**
 * The allowlist lookup ({@code lookups/ide_tunnel_risk_allowlist.csv}, a local copy taking precedence):
 * columns {@code dest, user, process_path, parent_process_name, rule_id, expires, reason}. An entry suppresses
 * a risk event when every column it fills matches the event (case-insensitive; {@code *} is a wildcard, as in
 * a WILDCARD lookup) and it has not expired: {@code expires} is a date ({@code YYYY-MM-DD}, the last day the
 * entry holds) and is required, so no exception lives forever unnoticed. {@code reason} is required too.
 * Immutable and thread-safe.
 */
public final class Allowlist {
  /** The columns an entry may match on, as risk-event field names ({@code rule_id} is the rule's id). */
  public static final List<String> MATCH_COLUMNS = List.of("dest", "user", "process_path", "parent_process_name", "rule_id");

  /** One allowlist line. */
  public record Entry(Map<String, Glob> match, LocalDate expires, String reason, String location) {}

  private final List<Entry> entries;

  private Allowlist(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static Allowlist empty() {
    return new Allowlist(List.of());
  }

  /**
   * Reads the lookup file.
   *
   * @throws TuningException naming {@code file:line} for an entry without reason or expiry, a bad date, or an
   *     entry that matches on nothing
   */
  public static Allowlist load(Path csv) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (RecordReader r = Readers.open(csv)) {
      Record rec;
      while ((rec = r.next()) != null) {
        out.add(entry(rec));
      }
    } catch (InputException e) {
      throw new TuningException(e.getMessage());
    }
    return new Allowlist(out);
  }

  private static Entry entry(Record rec) {
    String where = rec.origin() + ":" + rec.line();
    Map<String, Glob> match = new java.util.LinkedHashMap<>();
    for (String col : MATCH_COLUMNS) {
      String v = first(rec, col);
      if (v != null && !v.isBlank()) {
        match.put(col, glob(v.strip().toLowerCase(Locale.ROOT)));
      }
    }
    if (match.isEmpty()) {
      throw new TuningException(where + ": the entry matches on nothing; fill at least one of " + MATCH_COLUMNS);
    }
    String reason = first(rec, "reason");
    if (reason == null || reason.isBlank()) {
      throw new TuningException(where + ": the entry has no reason");
    }
    String exp = first(rec, "expires");
    if (exp == null || exp.isBlank()) {
      throw new TuningException(where + ": the entry has no expires date (YYYY-MM-DD)");
    }
    LocalDate expires;
    try {
      expires = LocalDate.parse(exp.strip());
    } catch (DateTimeParseException e) {
      throw new TuningException(where + ": expires must be a date like 2026-12-31 but was '" + exp + "'");
    }
    return new Entry(match, expires, reason, where);
  }

  private static String first(Record rec, String col) {
    List<String> v = rec.fields().get(col);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static Glob glob(String pattern) {
    return new Glob(pattern, new boolean[pattern.length()]);
  }

  /** This allowlist followed by the entries of {@code more}. */
  public Allowlist plus(Allowlist more) {
    List<Entry> all = new ArrayList<>(entries);
    all.addAll(more.entries);
    return new Allowlist(all);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The first live entry that suppresses this event on {@code today}, or null. */
  public Entry suppressing(RiskEvent e, LocalDate today) {
    for (Entry en : entries) {
      if (today.isAfter(en.expires())) {
        continue;
      }
      boolean all = true;
      for (Map.Entry<String, Glob> m : en.match().entrySet()) {
        if (!anyMatches(m.getValue(), values(e, m.getKey()))) {
          all = false;
          break;
        }
      }
      if (all) {
        return en;
      }
    }
    return null;
  }

  private static List<String> values(RiskEvent e, String col) {
    if (col.equals("rule_id")) {
      return List.of(e.ruleId());
    }
    return e.fields().getOrDefault(col, List.of());
  }

  private static boolean anyMatches(Glob g, List<String> values) {
    for (String v : values) {
      if (g.matches(v.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
