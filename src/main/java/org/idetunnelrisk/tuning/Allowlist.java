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
   * @throws TuningException listing, as {@code file:line: message}, every entry without reason or expiry,
   *     with a bad date, or that matches on nothing
   */
  public static Allowlist load(Path csv) throws IOException {
    List<String> problems = new ArrayList<>();
    Allowlist a = load(csv, problems);
    TuningException.throwIfAny(problems);
    return a;
  }

  /**
   * Reads the lookup file, adding a {@code file:line: message} to {@code problems} for every entry that cannot be
   * used (it is left out; the other entries are read).
   */
  public static Allowlist load(Path csv, List<String> problems) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (RecordReader r = Readers.open(csv)) {
      while (true) {
        Record rec;
        try {
          rec = r.next();
        } catch (InputException e) {
          problems.add(e.getMessage());
          if (e.recoverable()) {
            continue;
          }
          break;
        }
        if (rec == null) {
          break;
        }
        Entry e = entry(rec, problems);
        if (e != null) {
          out.add(e);
        }
      }
    } catch (InputException e) {
      problems.add(e.getMessage());
    }
    return new Allowlist(out);
  }

  /** The entry of a line, or null with its problems added. */
  private static Entry entry(Record rec, List<String> problems) {
    String where = rec.origin() + ":" + rec.line();
    int before = problems.size();
    Map<String, Glob> match = new java.util.LinkedHashMap<>();
    for (String col : MATCH_COLUMNS) {
      String v = first(rec, col);
      if (v != null && !v.isBlank()) {
        match.put(col, glob(v.strip().toLowerCase(Locale.ROOT)));
      }
    }
    if (match.isEmpty()) {
      problems.add(where + ": the entry matches on nothing; fill at least one of " + MATCH_COLUMNS);
    }
    String reason = first(rec, "reason");
    if (reason == null || reason.isBlank()) {
      problems.add(where + ": the entry has no reason");
    }
    String exp = first(rec, "expires");
    LocalDate expires = null;
    if (exp == null || exp.isBlank()) {
      problems.add(where + ": the entry has no expires date (YYYY-MM-DD)");
    } else {
      try {
        expires = LocalDate.parse(exp.strip());
      } catch (DateTimeParseException e) {
        problems.add(where + ": expires must be a date like 2026-12-31 but was '" + exp + "'");
      }
    }
    return problems.size() == before ? new Entry(match, expires, reason, where) : null;
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

  /** The entries whose {@code expires} date is before {@code today}: they suppress nothing any more. */
  public List<Entry> expired(LocalDate today) {
    return entries.stream().filter(e -> today.isAfter(e.expires())).toList();
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
