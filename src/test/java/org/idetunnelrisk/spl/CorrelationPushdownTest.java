package org.idetunnelrisk.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.correlation.CorrelationRule;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;
import org.junit.jupiter.api.Test;

/**
 * The modular input's searches fetch every event a correlation needs: for each base rule of each shipped
 * correlation (through correlations of correlations) and each feed that carries its log source, the feed's
 * search is no narrower than the rule's own necessary condition, and a datamodel feed returns a field the
 * correlation groups (and counts) the rule's events by. Rules a correlation names with {@code generate: false},
 * which give no risk event of their own, are still pushed down.
 */
class CorrelationPushdownTest {
  private static final RuleSet SHIPPED = new RuleLoader(FieldTable.shipped()).loadShipped();
  /** A term of rendered SPL: a comparison or word, quoted parts kept whole; parentheses and OR left out. */
  private static final Pattern TERM = Pattern.compile("[^\\s()\"]*\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s()]+");

  /** Base rule id to the correlations that read its events directly or through inner correlations. */
  static Map<String, Set<CorrelationRule>> baseRules(RuleSet set) {
    Map<String, CorrelationRule> byId = new LinkedHashMap<>();
    set.correlations().rules().forEach(c -> byId.put(c.id(), c));
    Map<String, Set<CorrelationRule>> out = new LinkedHashMap<>();
    for (CorrelationRule c : set.correlations().rules()) {
      List<String> todo = new ArrayList<>(c.rules());
      Set<String> done = new HashSet<>();
      while (!todo.isEmpty()) {
        String id = todo.remove(todo.size() - 1);
        if (!done.add(id)) {
          continue;
        }
        if (byId.containsKey(id)) {
          todo.addAll(byId.get(id).rules());
        } else {
          out.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(c);
        }
      }
    }
    return out;
  }

  static List<String> terms(String spl) {
    List<String> out = new ArrayList<>();
    Matcher m = TERM.matcher(spl);
    while (m.find()) {
      if (!m.group().equals("OR")) {
        out.add(m.group());
      }
    }
    return out;
  }

  @Test
  void everyFeedSearchFetchesTheEventsOfEveryBaseRuleOfEveryCorrelation() {
    Map<String, Set<CorrelationRule>> bases = baseRules(SHIPPED);
    assertTrue(bases.size() >= 9, "the chain's and the relay count's base rules: " + bases.keySet());
    int checked = 0;
    for (String id : bases.keySet()) {
      Rule rule = SHIPPED.rule(id);
      assertNotNull(rule, "a correlation names rule " + id + ", which is loaded");
      boolean carried = false;
      for (Feed feed : Feed.values()) {
        if (!feed.carries(rule.logSource())) {
          continue;
        }
        carried = true;
        SplBuilder.Search search = SplBuilder.build(feed, SHIPPED.rules());
        assertNotNull(search.spl(), feed.id() + " searches for " + rule.title());
        String own = SplBuilder.render(feed, rule.necessary());
        if (SplBuilder.NEVER.equals(own)) {
          continue; // its rows never have the fields the rule tests: no event of this feed can be its
        }
        String where = feed.id() + ", " + rule.title();
        if (own == null) {
          assertTrue(search.note().contains("searching every event"), where + ": no literal, so no condition: "
              + search.spl());
        } else {
          for (String term : terms(own)) {
            assertTrue(search.spl().contains(term), where + ": the search lacks '" + term + "' of " + own);
          }
        }
        if (feed.shape() == Feed.Shape.TSTATS) {
          Set<String> returned = new HashSet<>(feed.splitFields());
          returned.addAll(feed.gatheredFields());
          for (CorrelationRule c : bases.get(id)) {
            for (CorrelationRule.GroupField g : groupFieldsFor(c, id)) {
              assertTrue(g.fieldsFor(id).stream().anyMatch(returned::contains), where + ": " + c.title()
                  + " reads " + g.name() + " from " + g.fieldsFor(id) + ", none of which " + returned + " returns");
            }
          }
        }
        checked++;
      }
      assertTrue(carried, rule.title() + " runs on some feed");
    }
    assertTrue(checked >= 15, "feed and rule pairs checked: " + checked);
  }

  /**
   * The fields a correlation reads from a base rule's rows: its own group-by and value field when it names the
   * rule, else those of the inner correlation that does (the outer one reads the inner results' group values).
   */
  private static List<CorrelationRule.GroupField> groupFieldsFor(CorrelationRule c, String ruleId) {
    for (CorrelationRule inner : SHIPPED.correlations().rules()) {
      if (inner.rules().contains(ruleId) && (inner == c || reaches(c, inner))) {
        List<CorrelationRule.GroupField> out = new ArrayList<>(inner.groupBy());
        if (inner.valueField() != null) {
          out.add(inner.valueField());
        }
        return out;
      }
    }
    throw new AssertionError(c.title() + " does not reach " + ruleId);
  }

  private static boolean reaches(CorrelationRule outer, CorrelationRule inner) {
    for (String r : outer.rules()) {
      for (CorrelationRule c : SHIPPED.correlations().rules()) {
        if (c.id().equals(r) && (c == inner || reaches(c, inner))) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void aRuleThatOnlyFeedsACorrelationIsStillPushedDown() {
    RuleSet set = new RuleLoader(FieldTable.shipped()).loadText("title: Quiet start\nid: quiet\nname: quiet\n"
        + "logsource:\n  category: process_creation\ndetection:\n  sel:\n    Image|endswith: '\\zzquietstart.exe'\n"
        + "  condition: sel\n---\ntitle: Starts\nid: starts\ncorrelation:\n  type: event_count\n  rules: [quiet]\n"
        + "  group-by: [Computer]\n  timespan: 10m\n  condition:\n    gte: 2\nlevel: high\n", "quiet.yml");
    assertEquals(List.of(), set.problems());
    assertTrue(set.correlations().silent("quiet"), "generate: false by default: no risk event of its own");
    String spl = SplBuilder.build(Feed.SYSMON, set.rules()).spl();
    assertTrue(spl.contains(" zzquietstart "), spl);
    String tstats = SplBuilder.build(Feed.ENDPOINT_PROCESSES, set.rules()).spl();
    assertTrue(tstats.contains("zzquietstart.exe"), tstats);
    assertNotEquals(SplBuilder.build(Feed.SYSMON, List.of()).spl(), spl);
    assertNull(SplBuilder.build(Feed.SYSMON, List.of()).spl());
    assertFalse(baseRules(set).isEmpty());
  }
}
