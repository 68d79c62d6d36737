package org.idetunnelrisk.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.idetunnelrisk.sigma.RuleSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Splunk's classic WinEventLog text and the event XML of the same events map onto the same canonical row: each
 * {@code events/wineventlog/<rule>/<case>.log} gives, risk event for risk event, what its
 * {@code events/winsecurity/<rule>/<case>.xml} gives: the same ids (so the same event read either way is written
 * once), scores, threat objects and canonical fields. Only what the two renderings write differently is left out:
 * the time's fraction of a second (the classic date line has none; a correlation's event times carry it too) and the
 * task XML's line ends (CR LF in the XML, LF as read from the message's lines).
 */
class WinEventLogParityTest {
  private static final Path TEXT = ShippedRuleFixturesTest.EVENTS.resolve("wineventlog");
  private static final Path XML = ShippedRuleFixturesTest.EVENTS.resolve("winsecurity");
  private static final List<String> RENDERED_APART = List.of("_time", "contributing_time", "task_content");

  @TestFactory
  Stream<DynamicTest> eachClassicTextFixtureGivesWhatItsXmlGives() throws IOException {
    RuleSet set = ShippedRuleFixturesTest.shipped();
    List<Path> texts = new ArrayList<>();
    try (Stream<Path> s = Files.walk(TEXT)) {
      s.filter(p -> p.toString().endsWith(".log")).sorted().forEach(texts::add);
    }
    assertFalse(texts.isEmpty(), "no classic WinEventLog fixtures under " + TEXT);
    return texts.stream().map(t -> DynamicTest.dynamicTest(TEXT.relativize(t).toString(), () -> {
      String rel = TEXT.relativize(t).toString();
      Path xml = XML.resolve(rel.substring(0, rel.length() - ".log".length()) + ".xml");
      assertEquals(comparable(ShippedRuleFixturesTest.score(set, xml)),
          comparable(ShippedRuleFixturesTest.score(set, t)), t + " against " + xml);
    }));
  }

  private static List<String> comparable(List<JsonObject> events) {
    List<String> out = new ArrayList<>();
    for (JsonObject e : events) {
      JsonObject c = e.deepCopy();
      RENDERED_APART.forEach(c::remove);
      out.add(c.toString());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }
}
