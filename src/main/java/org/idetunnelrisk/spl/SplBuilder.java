package org.idetunnelrisk.spl;

import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.engine.Glob;
import org.idetunnelrisk.engine.Necessary;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.engine.ValueTest;

/**
 * Builds each feed's search from the rules that run on it.
 *
 * <p>The rules' necessary conditions ({@link Rule#necessary()}) give one condition (their disjunction),
 * rendered for the feed:
 * on a datamodel feed as {@code Processes.process_name="devtunnel.exe"} comparisons in the {@code tstats}
 * {@code where} clause, on a raw feed as terms of the raw text ({@code devtunnel}, {@code *tunnels*}). A
 * literal that cannot be rendered exactly as a necessary condition on that feed (a field the datamodel lacks,
 * a value with no usable term) makes its branch unconditional, so the search never loses a row the rules
 * would match; at worst it brings back more rows for the engine to reject. On a datamodel feed, a branch
 * testing a field the datamodel lacks can never match its rows and is left out.
 *
 * <p>Raw terms: Splunk splits raw text into tokens at breakers (space, punctuation, {@code \ / . - _}...)
 * and compares them case-insensitively. A literal is split into its ASCII letter-and-digit runs; a run bounded
 * by a breaker on both sides inside the literal (or by the field's own edge, for equals/starts/ends tests) is a
 * whole token and searched as is; one cut by the literal's open end is searched with a wildcard on that side.
 * The longest whole run of at least {@value #MIN_TERM} characters is preferred.
 *
 * <p>Stateless and thread-safe.
 */
public final class SplBuilder {
  /** Shortest run worth searching for: shorter ones would match nearly every event. */
  static final int MIN_TERM = 3;
  /** Longest pushed-down condition; past it the search goes without one (and says so in {@link Search#note()}). */
  static final int MAX_CONDITION_CHARS = 20_000;

  /** A feed's search and a note for the run summary when the pushdown was dropped or empty. */
  public record Search(Feed feed, String spl, int rules, String note) {}

  private SplBuilder() {}

  /** The search for {@code feed} given every loaded rule; rules that cannot match the feed are left out. */
  public static Search build(Feed feed, List<Rule> rules) {
    List<Necessary> conditions = new ArrayList<>();
    int n = 0;
    for (Rule r : rules) {
      if (feed.carries(r.logSource())) {
        conditions.add(r.necessary());
        n++;
      }
    }
    if (n == 0) {
      return new Search(feed, null, 0, "no rule runs on feed " + feed.id());
    }
    String cond = render(feed, Necessary.anyOf(conditions));
    String note = "";
    if (NEVER.equals(cond)) {
      return new Search(feed, null, n, "no rule on feed " + feed.id() + " tests a field its rows have");
    }
    if (cond != null && cond.length() > MAX_CONDITION_CHARS) {
      cond = null;
      note = "pushed-down condition longer than " + MAX_CONDITION_CHARS + " characters; searching without it";
    } else if (cond == null) {
      note = "the rules on feed " + feed.id() + " have no literal Splunk can search for; searching every event";
    }
    return new Search(feed, spl(feed, cond), n, note);
  }

  private static String spl(Feed feed, String cond) {
    String index = "`" + feed.indexMacro() + "`";
    String filter = "`" + feed.filterMacro() + "`";
    if (feed.shape() == Feed.Shape.TSTATS) {
      StringBuilder by = new StringBuilder();
      for (String f : feed.splitFields()) {
        by.append(' ').append(feed.object()).append('.').append(f);
      }
      StringBuilder gathered = new StringBuilder();
      for (String f : feed.gatheredFields()) {
        gathered.append(" values(").append(feed.object()).append('.').append(f).append(") as ").append(f);
      }
      return "| tstats `ide_tunnel_risk_summariesonly` count min(_time) as firstTime max(_time) as lastTime"
          + gathered
          + " from datamodel=" + feed.datamodel()
          + " where " + index + (cond == null ? "" : " " + cond)
          + " by _time span=1s" + by
          + " | `ide_tunnel_risk_drop_dm_object_name(" + feed.object() + ")`"
          + " | " + filter;
    }
    StringBuilder s = new StringBuilder("search ").append(index);
    if (!feed.eventFilter().isEmpty()) {
      s.append(' ').append(feed.eventFilter());
    }
    if (cond != null) {
      s.append(' ').append(cond);
    }
    return s.append(" | ").append(filter).append(" | fields _time _raw host source sourcetype").toString();
  }

  /**
   * Marks a condition no row of the feed can meet: a literal on a field a datamodel feed's rows never have
   * (its rows hold the datamodel's fields and nothing else). Such branches drop out of a disjunction.
   */
  static final String NEVER = "\u0000never";

  /** The condition as SPL, null when it is no condition at all, or {@link #NEVER}. */
  static String render(Feed feed, Necessary n) {
    if (n instanceof Necessary.Anything || n instanceof Necessary.Absent) {
      return null; // an absent field: no search term selects it
    }
    if (n instanceof Necessary.Literal l) {
      if (l.field() == null) {
        return null; // a keyword: the engine tests it on the raw text or on any field; not pushed down
      }
      return feed.shape() == Feed.Shape.TSTATS ? datamodelComparison(feed, l) : rawTerm(l.test());
    }
    if (n instanceof Necessary.Present p) {
      if (feed.shape() != Feed.Shape.TSTATS) {
        return null;
      }
      return feed.datamodelFields().contains(p.field()) ? feed.object() + "." + p.field() + "=*" : NEVER;
    }
    if (n instanceof Necessary.All a) {
      List<String> parts = new ArrayList<>();
      for (Necessary c : a.parts()) {
        String r = render(feed, c);
        if (NEVER.equals(r)) {
          return NEVER;
        }
        if (r != null && !parts.contains(r)) {
          parts.add(r);
        }
      }
      return parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : "(" + String.join(" ", parts) + ")";
    }
    Necessary.Any o = (Necessary.Any) n;
    List<String> parts = new ArrayList<>();
    for (Necessary c : o.parts()) {
      String r = render(feed, c);
      if (r == null) {
        return null;
      }
      if (!NEVER.equals(r) && !parts.contains(r)) {
        parts.add(r);
      }
    }
    if (parts.isEmpty()) {
      return NEVER;
    }
    return parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
  }

  private static String datamodelComparison(Feed feed, Necessary.Literal l) {
    if (!feed.datamodelFields().contains(l.field())) {
      return NEVER;
    }
    String pattern;
    ValueTest t = l.test();
    if (t instanceof ValueTest.Equals e) {
      pattern = e.needle();
    } else if (t instanceof ValueTest.StartsWith s) {
      pattern = s.needle() + "*";
    } else if (t instanceof ValueTest.EndsWith e) {
      pattern = "*" + e.needle();
    } else if (t instanceof ValueTest.Contains c) {
      pattern = "*" + c.needle() + "*";
    } else {
      // Splunk has '*' but no single-character wildcard: '?' widens to '*', still a necessary condition.
      pattern = ((ValueTest.Wildcard) t).glob().toString().replace('?', '*');
    }
    return feed.object() + "." + l.field() + "=" + quote(pattern);
  }

  /** A quoted SPL string: backslash and double quote escaped with a backslash. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '"') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  /** A raw-text term that every value passing {@code t} contains, or null when none is usable. */
  static String rawTerm(ValueTest t) {
    String text;
    boolean openStart;
    boolean openEnd;
    if (t instanceof ValueTest.Equals e) {
      text = e.needle();
      openStart = false;
      openEnd = false;
    } else if (t instanceof ValueTest.StartsWith s) {
      text = s.needle();
      openStart = false;
      openEnd = true;
    } else if (t instanceof ValueTest.EndsWith e) {
      text = e.needle();
      openStart = true;
      openEnd = false;
    } else if (t instanceof ValueTest.Contains c) {
      text = c.needle();
      openStart = true;
      openEnd = true;
    } else {
      Glob g = ((ValueTest.Wildcard) t).glob();
      // Wildcard characters act as open ends: split on them and treat every run next to one as cut.
      text = g.toString();
      openStart = true;
      openEnd = true;
    }
    return bestTerm(text, openStart, openEnd);
  }

  private static boolean isTermChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static String bestTerm(String text, boolean openStart, boolean openEnd) {
    String bestWhole = null;
    String bestCut = null;
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (!isTermChar(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isTermChar(text.charAt(i))) {
        i++;
      }
      String run = text.substring(start, i);
      boolean cutLeft = start == 0 ? openStart : cuts(text.charAt(start - 1));
      boolean cutRight = i == n ? openEnd : cuts(text.charAt(i));
      if (run.length() < MIN_TERM) {
        continue;
      }
      if (!cutLeft && !cutRight) {
        if (bestWhole == null || run.length() > bestWhole.length()) {
          bestWhole = run;
        }
      } else {
        String term = (cutLeft ? "*" : "") + run + (cutRight ? "*" : "");
        if (bestCut == null || run.length() > bestCut.replace("*", "").length()) {
          bestCut = term;
        }
      }
    }
    return bestWhole != null ? bestWhole : bestCut;
  }

  /**
   * Characters Splunk's default segmentation certainly breaks tokens at (major: white space and brackets,
   * quotes, {@code | ! ; , &}; minor: {@code / : = @ . - $ # % \ _}). Any other character next to a run
   * (a wildcard, {@code +}, {@code ~}, a non-ASCII letter that a JSON exporter may write as an escape...) leaves
   * that edge of the run uncertain, so the run is searched with a wildcard there.
   */
  private static final String BREAKERS = " \t\r\n[]<>(){}|!;,'\"&/:=@.-$#%\\_";

  private static boolean cuts(char c) {
    return BREAKERS.indexOf(c) < 0;
  }
}
