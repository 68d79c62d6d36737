package org.idetunnelrisk.report;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.TacticTable;

/**
 * Writes {@link Stories} as one self-contained HTML file for an analyst: an overview (risk objects by total score
 * as a chart and a sortable table, relay domains, tunnel identifiers, rules that fired), then one story per risk
 * object in full (a timeline chart of its risk events and a table of them with messages, threat objects and
 * ATT&amp;CK tactics), then the catalogue entry of every rule that fired.
 *
 * <p>Self-contained: styles and the one script are inline, charts are inline SVG drawn here, no font or image is
 * fetched, and a Content-Security-Policy forbids the page any request ({@code default-src 'none'}). Bounded: only
 * the {@code maxSubjects} risk objects with the highest total scores get a story, the rest are rows of the
 * overview table, and the report says so. Every value is HTML-escaped. Times are UTC.
 *
 * <p>Marks the browser test reads: every timeline point is a {@code circle.point} with {@code data-event} (the
 * risk event id) inside {@code svg.timeline[data-subject]}; each story is {@code section.story[data-subject]} with
 * {@code data-events} (risk events shown); the script sets {@code data-ready} on {@code body} when it ran.
 *
 * <p>A fragment naming a section ({@code report.html#story-2}, {@code #overview}, {@code #rules}) shows that
 * section alone, as a tab would; no fragment shows everything, which is also what a browser without scripts
 * shows.
 */
public final class HtmlReport {
  /** One rule as the catalogue shows it. */
  public record RuleEntry(String id, String title, String description, String level, List<Integer> scores,
      List<String> techniques, String origin) {
    public RuleEntry {
      scores = List.copyOf(scores);
      techniques = List.copyOf(techniques);
    }
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final int CHART_WIDTH = 900;
  private static final int LANE = 28;
  private static final int LEFT = 260;
  private static final int TOP = 24;

  private final Stories stories;
  private final Map<String, RuleEntry> rulesByTitle;
  private final TacticTable tactics;
  private final int maxSubjects;
  private final List<String> inputs;

  /**
   * @param rules the rules that may have fired, for the catalogue (matched to risk events by title)
   * @param inputs the scanned inputs, named in the header
   * @param maxSubjects how many risk objects get a full story, at least 1
   */
  public HtmlReport(Stories stories, List<RuleEntry> rules, TacticTable tactics, int maxSubjects,
      List<String> inputs) {
    if (maxSubjects < 1) {
      throw new IllegalArgumentException("maxSubjects must be at least 1 but was " + maxSubjects);
    }
    this.stories = stories;
    this.rulesByTitle = new LinkedHashMap<>();
    rules.forEach(r -> rulesByTitle.putIfAbsent(r.title(), r));
    this.tactics = tactics;
    this.maxSubjects = maxSubjects;
    this.inputs = List.copyOf(inputs);
  }

  public void write(Writer out) throws IOException {
    StringBuilder b = new StringBuilder(64 * 1024);
    List<Stories.Subject> ranked = stories.ranked();
    List<Stories.Subject> told = ranked.subList(0, Math.min(maxSubjects, ranked.size()));
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
            + " script-src 'unsafe-inline'; img-src data:\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>IDE Tunnel Risk report</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
    b.append("<header><h1>IDE Tunnel Risk report</h1><p>")
        .append(stories.total()).append(" risk event(s) on ").append(ranked.size()).append(" risk object(s) from ")
        .append(inputs.size()).append(" input(s): ").append(esc(String.join(", ", limit(inputs, 10))))
        .append(inputs.size() > 10 ? " and " + (inputs.size() - 10) + " more" : "")
        .append(". Times are UTC. MITRE ATT&amp;CK T1219.001 (IDE Tunneling).</p>");
    if (ranked.size() > told.size()) {
      b.append("<p class=\"note\" id=\"bounded\">The ").append(told.size())
          .append(" risk objects with the highest total scores are told in full below; the other ")
          .append(ranked.size() - told.size()).append(" are rows of the overview table only.</p>");
    }
    if (stories.eventsLeftOut() > 0) {
      b.append("<p class=\"note\" id=\"left-out\">").append(stories.eventsLeftOut())
          .append(" risk event(s) past the first ").append(stories.maxEvents())
          .append(" count in every total but are not drawn in the stories.</p>");
    }
    b.append("<nav><a href=\"#overview\">Overview</a>");
    for (int i = 0; i < told.size(); i++) {
      b.append(" <a href=\"#").append(anchor(i)).append("\">").append(esc(told.get(i).value())).append("</a>");
    }
    b.append(" <a href=\"#rules\">Rules</a></nav></header>\n<main>\n");
    overview(b, ranked, told.size());
    for (int i = 0; i < told.size(); i++) {
      story(b, told.get(i), i);
    }
    catalogue(b);
    b.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    out.write(b.toString());
  }

  private void overview(StringBuilder b, List<Stories.Subject> ranked, int told) {
    b.append("<section id=\"overview\"><h2>Overview</h2>\n<h3>Risk objects by total score</h3>\n");
    scoreChart(b, ranked.subList(0, Math.min(told, ranked.size())));
    b.append("<table class=\"sortable\" id=\"subjects\"><thead><tr><th>risk object</th><th>type</th>"
        + "<th class=\"num\">total score</th><th class=\"num\">risk events</th><th>first seen</th><th>last seen</th>"
        + "<th>rules</th></tr></thead><tbody>\n");
    for (int i = 0; i < ranked.size(); i++) {
      Stories.Subject s = ranked.get(i);
      b.append("<tr><td>");
      if (i < told) {
        b.append("<a href=\"#").append(anchor(i)).append("\">").append(esc(s.value())).append("</a>");
      } else {
        b.append(esc(s.value()));
      }
      b.append("</td><td>").append(esc(s.type())).append("</td>").append(num(s.score())).append(num(s.count()))
          .append(time(s.first())).append(time(s.last())).append("<td>")
          .append(esc(String.join("; ", s.ruleTitles()))).append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
    seenTable(b, "Relay domains", "domains", "relay domain", stories.domains(), false);
    seenTable(b, "Tunnel names, ids and ports", "tunnels", "tunnel", stories.tunnels(), true);
    seenTable(b, "Rules that fired", "fired", "rule", stories.rules(), false);
    b.append("</section>\n");
  }

  private static void seenTable(StringBuilder b, String title, String id, String what, Map<String, Stories.Seen> rows,
      boolean typed) {
    b.append("<h3>").append(esc(title)).append("</h3>\n");
    if (rows.isEmpty()) {
      b.append("<p class=\"none\" id=\"").append(id).append("\">none</p>\n");
      return;
    }
    b.append("<table class=\"sortable\" id=\"").append(id).append("\"><thead><tr>")
        .append(typed ? "<th>kind</th>" : "").append("<th>").append(esc(what)).append("</th>")
        .append("<th class=\"num\">risk events</th><th class=\"num\">total score</th><th>first seen</th>"
            + "<th>last seen</th><th>risk objects</th></tr></thead><tbody>\n");
    rows.forEach((key, s) -> {
      b.append("<tr>");
      if (typed) {
        int cut = key.indexOf('\u0000');
        b.append("<td>").append(esc(key.substring(0, cut))).append("</td><td>")
            .append(esc(key.substring(cut + 1))).append("</td>");
      } else {
        b.append("<td>").append(esc(key)).append("</td>");
      }
      b.append(num(s.count())).append(num(s.score())).append(time(s.first())).append(time(s.last()))
          .append("<td>").append(esc(String.join(", ", s.subjects()))).append("</td></tr>\n");
    });
    b.append("</tbody></table>\n");
  }

  /** Horizontal bars, one per told risk object, each a link to its story. */
  private static void scoreChart(StringBuilder b, List<Stories.Subject> subjects) {
    long max = subjects.stream().mapToLong(Stories.Subject::score).max().orElse(1);
    int height = TOP + subjects.size() * LANE + 8;
    b.append("<svg class=\"scores\" role=\"img\" aria-label=\"total risk score per risk object\" width=\"")
        .append(CHART_WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(CHART_WIDTH)
        .append(' ').append(height).append("\">");
    int barSpace = CHART_WIDTH - LEFT - 80;
    for (int i = 0; i < subjects.size(); i++) {
      Stories.Subject s = subjects.get(i);
      int y = TOP + i * LANE;
      long w = Math.max(2, Math.round((double) s.score() / Math.max(1, max) * barSpace));
      b.append("<a href=\"#").append(anchor(i)).append("\"><text x=\"").append(LEFT - 8).append("\" y=\"")
          .append(y + 17).append("\" text-anchor=\"end\">").append(esc(clip(s.value(), 34))).append("</text>")
          .append("<rect class=\"bar\" x=\"").append(LEFT).append("\" y=\"").append(y + 4).append("\" width=\"")
          .append(w).append("\" height=\"").append(LANE - 8).append("\"><title>").append(esc(s.value()))
          .append(": ").append(s.score()).append("</title></rect><text x=\"").append(LEFT + w + 6).append("\" y=\"")
          .append(y + 17).append("\">").append(s.score()).append("</text></a>");
    }
    b.append("</svg>\n");
  }

  private void story(StringBuilder b, Stories.Subject s, int index) {
    List<RiskEvent> events = s.events();
    b.append("<section class=\"story\" id=\"").append(anchor(index)).append("\" data-subject=\"")
        .append(esc(s.value())).append("\" data-events=\"").append(events.size()).append("\">\n<h2>")
        .append(esc(s.value())).append(" <span class=\"type\">").append(esc(s.type())).append("</span></h2>\n<p>")
        .append("Total score <b>").append(s.score()).append("</b> from ").append(s.count())
        .append(" risk event(s); first seen ").append(esc(when(s.first()))).append(", last seen ")
        .append(esc(when(s.last()))).append('.');
    if (events.size() < s.count()) {
      b.append(" ").append(s.count() - events.size()).append(" risk event(s) past the report's limit are not shown.");
    }
    b.append("</p>\n");
    timeline(b, s, events);
    b.append("<table class=\"sortable events\"><thead><tr><th>time (UTC)</th><th>rule</th><th class=\"num\">score"
        + "</th><th>message</th><th>threat objects</th><th>ATT&amp;CK tactics</th></tr></thead><tbody>\n");
    for (RiskEvent e : events) {
      b.append("<tr data-event=\"").append(esc(e.id())).append("\">").append(time(e.time())).append("<td>")
          .append(esc(e.ruleTitle())).append("</td>").append(num(e.riskScore())).append("<td>")
          .append(esc(e.riskMessage())).append("</td><td>");
      for (int i = 0; i < e.threatObjects().size() && i < e.threatObjectTypes().size(); i++) {
        b.append("<span class=\"to\"><i>").append(esc(e.threatObjectTypes().get(i))).append("</i> ")
            .append(esc(e.threatObjects().get(i))).append("</span> ");
      }
      b.append("</td><td>").append(esc(String.join(", ", tacticNames(e)))).append("</td></tr>\n");
    }
    b.append("</tbody></table>\n</section>\n");
  }

  /** One lane per rule, time along the x axis, one circle per risk event sized by its score. */
  private void timeline(StringBuilder b, Stories.Subject s, List<RiskEvent> events) {
    List<String> lanes = new ArrayList<>(new LinkedHashSet<>(events.stream().map(RiskEvent::ruleTitle).toList()));
    double lo = Double.NaN;
    double hi = Double.NaN;
    for (RiskEvent e : events) {
      if (!Double.isNaN(e.time())) {
        lo = Double.isNaN(lo) ? e.time() : Math.min(lo, e.time());
        hi = Double.isNaN(hi) ? e.time() : Math.max(hi, e.time());
      }
    }
    int height = TOP + lanes.size() * LANE + 30;
    int plot = CHART_WIDTH - LEFT - 30;
    b.append("<svg class=\"timeline\" role=\"img\" aria-label=\"timeline of ").append(esc(s.value()))
        .append("\" data-subject=\"").append(esc(s.value())).append("\" width=\"").append(CHART_WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ')
        .append(height).append("\">");
    for (int i = 0; i < lanes.size(); i++) {
      int y = TOP + i * LANE + LANE / 2;
      b.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y + 4).append("\" text-anchor=\"end\">")
          .append(esc(clip(lanes.get(i), 36))).append("</text><line class=\"lane\" x1=\"").append(LEFT)
          .append("\" y1=\"").append(y).append("\" x2=\"").append(LEFT + plot).append("\" y2=\"").append(y)
          .append("\"/>");
    }
    int axis = TOP + lanes.size() * LANE + 14;
    b.append("<text x=\"").append(LEFT).append("\" y=\"").append(axis).append("\">").append(esc(when(lo)))
        .append("</text><text x=\"").append(LEFT + plot).append("\" y=\"").append(axis)
        .append("\" text-anchor=\"end\">").append(esc(when(hi))).append("</text>");
    for (RiskEvent e : events) {
      int lane = lanes.indexOf(e.ruleTitle());
      double x = Double.isNaN(e.time()) ? LEFT + plot : hi > lo ? LEFT + (e.time() - lo) / (hi - lo) * plot
          : LEFT + plot / 2.0;
      int y = TOP + lane * LANE + LANE / 2;
      double r = 4 + Math.min(8, e.riskScore() / 10.0);
      b.append("<circle class=\"point\" data-event=\"").append(esc(e.id())).append("\" cx=\"")
          .append(String.format(Locale.ROOT, "%.1f", x)).append("\" cy=\"").append(y).append("\" r=\"")
          .append(String.format(Locale.ROOT, "%.1f", r)).append("\"><title>").append(esc(when(e.time())))
          .append(" · ").append(esc(e.ruleTitle())).append(" · score ").append(e.riskScore()).append("\n")
          .append(esc(e.riskMessage())).append("</title></circle>");
    }
    b.append("</svg>\n");
  }

  private void catalogue(StringBuilder b) {
    b.append("<section id=\"rules\"><h2>Rules that fired</h2>\n");
    for (String title : stories.rules().keySet()) {
      RuleEntry r = rulesByTitle.get(title);
      b.append("<article class=\"rule\"><h3>").append(esc(title)).append("</h3>");
      if (r == null) {
        b.append("<p>Not in the loaded rules' catalogue.</p></article>\n");
        continue;
      }
      b.append("<p>").append(esc(r.description())).append("</p><dl><dt>id</dt><dd>").append(esc(r.id()))
          .append("</dd><dt>level</dt><dd>").append(esc(r.level())).append("</dd><dt>score</dt><dd>")
          .append(esc(String.join(", ", r.scores().stream().map(String::valueOf).toList())))
          .append("</dd><dt>ATT&amp;CK</dt><dd>");
      List<String> named = new ArrayList<>();
      for (String t : r.techniques()) {
        TacticTable.Technique tech = tactics.technique(t);
        named.add(tech == null ? t : t + " " + tech.name());
      }
      b.append(esc(String.join("; ", named))).append("</dd><dt>file</dt><dd>").append(esc(r.origin()))
          .append("</dd></dl></article>\n");
    }
    b.append("</section>\n");
  }

  private List<String> tacticNames(RiskEvent e) {
    Set<String> names = new LinkedHashSet<>();
    for (String t : e.mitreAttack()) {
      tactics.tactics(t).forEach(tac -> names.add(tac.name()));
    }
    return List.copyOf(names);
  }

  private static String anchor(int index) {
    return "story-" + (index + 1);
  }

  private static String num(long n) {
    return "<td class=\"num\" data-sort=\"" + n + "\">" + n + "</td>";
  }

  private static String time(double t) {
    return "<td data-sort=\"" + (Double.isNaN(t) ? "" : String.format(Locale.ROOT, "%.3f", t)) + "\">"
        + esc(when(t)) + "</td>";
  }

  static String when(double t) {
    return Double.isNaN(t) ? "no time" : TIME.format(Instant.ofEpochMilli(Math.round(t * 1000)));
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static List<String> limit(List<String> l, int n) {
    return l.size() <= n ? l : l.subList(0, n);
  }

  /** Escapes text for HTML element content and double-quoted attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append("&#xFFFD;");
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static final String CSS = String.join("\n",
      "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1d2733;background:#f6f8fa}",
      "header{background:#1f5c99;color:#fff;padding:12px 24px}header h1{margin:0 0 4px;font-size:22px}",
      "header a{color:#fff;margin-right:10px}nav{margin-top:6px;font-size:13px}.note{background:#fff3cd;color:#5c4400;"
          + "padding:4px 8px;border-radius:4px}",
      "main{padding:8px 24px 40px}section{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:8px 16px;"
          + "margin:16px 0}",
      "h2 .type{font-size:13px;color:#57606a;font-weight:normal}table{border-collapse:collapse;width:100%;margin:8px 0}",
      "th,td{border-bottom:1px solid #e4e8ec;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}th.num,td.num{white-space:nowrap;overflow-wrap:normal}",
      "th{background:#eef2f6;cursor:pointer;user-select:none}th.num,td.num{text-align:right}",
      "th[aria-sort=ascending]::after{content:' \\25B2'}th[aria-sort=descending]::after{content:' \\25BC'}",
      "svg text{font-size:12px;fill:#1d2733}.bar{fill:#1f5c99}.lane{stroke:#d8dee4}",
      ".point{fill:#c0392b;fill-opacity:.75;stroke:#7b241c}.to{display:inline-block;margin:0 4px 2px 0;"
          + "background:#eef2f6;border-radius:3px;padding:0 4px}.to i{color:#57606a}",
      "dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{color:#57606a}",
      "body.focus main>section{display:none}body.focus main>section.shown{display:block}");

  /**
   * Sorts a table by the clicked column (numbers by their data-sort value); shows the section the fragment names
   * alone; marks the body when it ran.
   */
  private static final String SCRIPT = String.join("\n",
      "(function(){",
      "function key(td){var v=td.getAttribute('data-sort');return v!==null?v:td.textContent;}",
      "function sortBy(table,col,th){var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);",
      " var asc=th.getAttribute('aria-sort')!=='ascending';",
      " Array.prototype.forEach.call(th.parentNode.cells,function(c){c.removeAttribute('aria-sort');});",
      " th.setAttribute('aria-sort',asc?'ascending':'descending');",
      " rows.sort(function(a,b){var x=key(a.cells[col]),y=key(b.cells[col]);var nx=parseFloat(x),ny=parseFloat(y);",
      "  var r=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?r:-r;});",
      " rows.forEach(function(r){body.appendChild(r);});}",
      "Array.prototype.forEach.call(document.querySelectorAll('table.sortable'),function(t){",
      " Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){",
      "  th.addEventListener('click',function(){sortBy(t,i,th);});});});",
      "var sections=Array.prototype.slice.call(document.querySelectorAll('main>section'));",
      "function show(){var id=decodeURIComponent(location.hash.slice(1)).replace(/^show=/,'');var el=id?document.getElementById(id):null;",
      " var on=!!el&&sections.indexOf(el)>=0;document.body.classList.toggle('focus',on);",
      " sections.forEach(function(s){s.classList.toggle('shown',s===el);});if(on){window.scrollTo(0,0);}}",
      "window.addEventListener('hashchange',show);window.addEventListener('load',show);show();",
      "document.body.setAttribute('data-ready',String(document.querySelectorAll('circle.point').length));",
      "})();");
}
