package org.idetunnelrisk.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.engine.Rule;

/**
 * The rule catalogue of README.md as data, and what it gets wrong about the rules it describes.
 *
 * <p>The catalogue is the section headed {@value #HEADING}: an overview table (one row per rule: a link whose
 * text is the rule title, then the base score in the last cell), then one {@code ### <rule title>} entry per
 * rule naming its id and file, with a {@code | risk object | type | base score |} table (fields in backticks,
 * tried in order) and, when the rule has any, a {@code | score modifier | adds | when |} table.
 */
record RuleCatalogue(List<String> overviewTitles, Map<String, Set<Integer>> overviewScores, List<Entry> entries) {
  static final String HEADING = "## Rule catalogue";

  private static final Pattern UUID =
      Pattern.compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
  private static final Pattern RULE_FILE = Pattern.compile("`(rules/[^`]+\\.ya?ml)`");
  private static final Pattern LINK_TEXT = Pattern.compile("^\\[([^\\]]+)\\]");
  private static final Pattern TICKED = Pattern.compile("`([^`]+)`");
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  /** One {@code ###} entry: what the catalogue says about one rule. */
  record Entry(String title, String id, String file, List<String> riskObjects, List<String> modifiers) {}

  /** Reads the catalogue section of a README; an empty catalogue when the section is absent. */
  static RuleCatalogue parse(String readme) {
    List<String> lines = section(readme);
    List<String> overviewTitles = new ArrayList<>();
    Map<String, Set<Integer>> overviewScores = new LinkedHashMap<>();
    int i = 0;
    for (; i < lines.size() && !lines.get(i).startsWith("### "); i++) {
      List<String> cells = cells(lines.get(i));
      Matcher link = cells.isEmpty() ? null : LINK_TEXT.matcher(cells.get(0));
      if (link != null && link.find()) {
        overviewTitles.add(link.group(1));
        overviewScores.put(link.group(1), numbers(cells.get(cells.size() - 1)));
      }
    }
    List<Entry> entries = new ArrayList<>();
    while (i < lines.size()) {
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).startsWith("### ")) {
        end++;
      }
      entries.add(entry(lines.get(i).substring(4).strip(), lines.subList(i + 1, end)));
      i = end;
    }
    return new RuleCatalogue(overviewTitles, overviewScores, entries);
  }

  /** Every way the catalogue and the rules disagree, one line each; empty when they agree. */
  List<String> differences(List<Rule> rules) {
    List<String> out = new ArrayList<>();
    Map<String, Entry> byId = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (e.id() == null) {
        out.add("catalogue entry '" + e.title() + "' names no rule id");
      } else if (byId.put(e.id(), e) != null) {
        out.add("catalogue has two entries for rule " + e.id());
      }
    }
    Map<String, Rule> shipped = new LinkedHashMap<>();
    rules.forEach(r -> shipped.put(r.id(), r));
    for (Rule r : rules) {
      Entry e = byId.get(r.id());
      if (e == null) {
        out.add("no catalogue entry for shipped rule " + r.id() + " (" + r.title() + ", " + r.origin() + ")");
      } else {
        compare(r, e, out);
      }
    }
    for (Entry e : byId.values()) {
      if (!shipped.containsKey(e.id())) {
        out.add("catalogue entry '" + e.title() + "' names rule " + e.id() + ", which is not shipped");
      }
    }
    compareOverview(rules, out);
    return out;
  }

  private void compare(Rule r, Entry e, List<String> out) {
    String place = "catalogue entry '" + e.title() + "' (" + r.id() + "): ";
    if (!e.title().equals(r.title())) {
      out.add(place + "heading should be the rule title '" + r.title() + "'");
    }
    if (!r.origin().equals(e.file())) {
      out.add(place + "file is " + e.file() + ", the rule comes from " + r.origin());
    }
    List<String> objects = r.risk().riskObjects().stream().map(RuleCatalogue::describe).toList();
    if (!objects.equals(e.riskObjects())) {
      out.add(place + "risk objects are " + e.riskObjects() + ", the rule's are " + objects);
    }
    List<String> modifiers = r.risk().scoreModifiers().stream().map(m -> m.name() + " +" + m.add()).toList();
    if (!modifiers.equals(e.modifiers())) {
      out.add(place + "score modifiers are " + e.modifiers() + ", the rule's are " + modifiers);
    }
  }

  private void compareOverview(List<Rule> rules, List<String> out) {
    Set<String> titles = new LinkedHashSet<>();
    for (Rule r : rules) {
      titles.add(r.title());
      Set<Integer> scores = new TreeSet<>();
      r.risk().riskObjects().forEach(o -> scores.add(o.score()));
      if (!overviewTitles.contains(r.title())) {
        out.add("the catalogue's overview table has no row for '" + r.title() + "'");
      } else if (!overviewScores.get(r.title()).equals(scores)) {
        out.add("the overview row of '" + r.title() + "' gives base score " + overviewScores.get(r.title())
            + ", the rule's is " + scores);
      }
    }
    for (String t : overviewTitles) {
      if (!titles.contains(t)) {
        out.add("the catalogue's overview table has a row for '" + t + "', which is no shipped rule's title");
      }
    }
  }

  /** A risk object as the catalogue writes it: fields in order, type, score. */
  static String describe(RiskSpec.RiskObject o) {
    return String.join(" or ", o.fields()) + " " + o.type().wireName() + " " + o.score();
  }

  private static Entry entry(String title, List<String> body) {
    String text = String.join("\n", body);
    Matcher id = UUID.matcher(text);
    Matcher file = RULE_FILE.matcher(text);
    List<String> riskObjects = new ArrayList<>();
    for (List<String> row : table(body, "risk object")) {
      List<String> fields = new ArrayList<>();
      Matcher m = TICKED.matcher(row.get(0));
      while (m.find()) {
        fields.add(m.group(1));
      }
      riskObjects.add(String.join(" or ", fields) + " " + row.get(1) + " " + (row.size() > 2 ? row.get(2) : ""));
    }
    List<String> modifiers = new ArrayList<>();
    for (List<String> row : table(body, "score modifier")) {
      modifiers.add(row.get(0) + " +" + (row.size() > 1 ? row.get(1).replace("+", "") : ""));
    }
    return new Entry(title, id.find() ? id.group() : null, file.find() ? file.group(1) : null, riskObjects, modifiers);
  }

  /** The rows (cells) of the table whose header's first cell is {@code header}, without header and rule line. */
  private static List<List<String>> table(List<String> lines, String header) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      List<String> cells = cells(lines.get(i));
      if (!cells.isEmpty() && cells.get(0).equals(header)) {
        for (int j = i + 2; j < lines.size() && lines.get(j).strip().startsWith("|"); j++) {
          rows.add(cells(lines.get(j)));
        }
        return rows;
      }
    }
    return rows;
  }

  /** The cells of a Markdown table row, stripped; empty for a line that is not one. */
  private static List<String> cells(String line) {
    String t = line.strip();
    if (!t.startsWith("|") || !t.endsWith("|") || t.length() < 2) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String c : t.substring(1, t.length() - 1).split("\\|", -1)) {
      out.add(c.strip());
    }
    return out;
  }

  private static Set<Integer> numbers(String cell) {
    Set<Integer> out = new TreeSet<>();
    Matcher m = NUMBER.matcher(cell);
    while (m.find()) {
      out.add(Integer.parseInt(m.group()));
    }
    return out;
  }

  /** The lines from the line after {@value #HEADING} to the next level-2 heading. */
  private static List<String> section(String readme) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : readme.split("\n", -1)) {
      if (line.startsWith("## ")) {
        in = line.strip().equals(HEADING);
      } else if (in) {
        out.add(line);
      }
    }
    return out;
  }
}
