package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.idetunnelrisk.cli.Main;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;
import org.idetunnelrisk.tuning.TacticLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan} shows the fields the risk index gets. The same hits go through {@code scan} (JSON lines) and through
 * the REST writer to {@code receivers/simple} (stash text); per risk event, scan's keys ({@code annotations}
 * flattened to {@code annotations.<name>}) must equal the indexed event's (the stash text's keys, {@code _time} from
 * its leading time, and the request's {@code source}, {@code host}, {@code index}, {@code sourcetype}) less the
 * metadata Splunk sets on the write ({@code host}, {@code index}, {@code sourcetype}) and plus scan's
 * {@code orig_location}. The rows carry fields that a content team's field table maps onto names the writers
 * write themselves, onto Splunk's metadata and onto {@code _name}s, so the one list must decide both ways alike.
 */
class ScanFieldsAreIndexedFieldsTest {
  /** Splunk sets these on the indexed event from the write; scan has no write. */
  private static final Set<String> WRITE_METADATA = Set.of("host", "index", "sourcetype");

  @TempDir Path dir;

  @Test
  void scanJsonHasTheFieldsOfTheIndexedEventForTheSameHits() throws Exception {
    Path fields = Files.writeString(dir.resolve("fields.csv"), String.join("\n",
        "ticket,ticket", "splunk_server,splunk_server", "annotations,annotations", "orig_location,orig_location",
        "analyticstories,analyticstories", "orig_rid,orig_rid", "risk_score,risk_score", "index,index",
        "_cd,_cd", "") );
    Path telemetry = Files.writeString(dir.resolve("hits.csv"), String.join("\n",
        "_time,dest,user,process_name,process,parent_process_name,ticket,splunk_server,annotations,orig_location,"
            + "analyticstories,orig_rid,risk_score,index,_cd",
        "1795248060,ws1,bob,devtunnel.exe,devtunnel.exe host -p 8080 --allow-anonymous,bash.exe,INC-1,idx1,a,l,s,7,"
            + "99,main,1:2",
        "1795248061,ws2,eve,code.exe,code.exe tunnel --accept-server-license-terms,cmd.exe,INC-2,idx1,a,l,s,8,99,"
            + "main,1:3",
        ""));

    Map<String, Set<String>> scanned = scan(telemetry, fields);
    Map<String, Set<String>> indexed = indexed(telemetry, fields);
    assertTrue(scanned.size() >= 2, "both rows hit: " + scanned);
    assertEquals(scanned.keySet(), indexed.keySet(), "the same risk events");
    for (Map.Entry<String, Set<String>> e : indexed.entrySet()) {
      Set<String> want = new TreeSet<>(e.getValue());
      want.removeAll(WRITE_METADATA);
      want.add("orig_location");
      assertEquals(want, scanned.get(e.getKey()), "fields of risk event " + e.getKey());
      assertTrue(want.contains("ticket"), "a row field of its own is copied: " + want);
      assertTrue(want.contains("analyticstories"), want.toString());
      for (String owned : List.of("splunk_server", "_cd", "index")) {
        assertFalse(scanned.get(e.getKey()).contains(owned), owned + " is not copied from a row: " + want);
      }
    }
  }

  /** Per risk event id, the keys of scan's JSON line; the {@code annotations} object's keys as {@code annotations.<key>}. */
  private static Map<String, Set<String>> scan(Path telemetry, Path fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"scan", "--fields", fields.toString(), telemetry.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    Map<String, Set<String>> keys = new TreeMap<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      Set<String> k = new TreeSet<>();
      for (String key : o.keySet()) {
        if (key.equals("annotations")) {
          o.getAsJsonObject(key).keySet().forEach(a -> k.add("annotations." + a));
        } else {
          k.add(key);
        }
      }
      keys.put(o.get("risk_event_id").getAsString(), k);
    }
    return keys;
  }

  /**
   * Per risk event id, the fields of the event the REST writer sends for the same hits (scored with the same rules,
   * field table and ATT&CK lookup as scan): the stash text's keys, {@code _time}, and the request's metadata.
   */
  private static Map<String, Set<String>> indexed(Path telemetry, Path fieldsFile) throws Exception {
    FieldTable fields = FieldTable.shipped().extendedBy(fieldsFile);
    Scorer scorer = new Scorer(new RuleLoader(fields).loadShipped().rules(), fields);
    List<RiskEvent> events = new ArrayList<>();
    try (RecordReader r = Readers.open(telemetry)) {
      for (Record rec; (rec = r.next()) != null; ) {
        scorer.score(rec, (event, from) -> events.add(event));
      }
    }
    Map<String, Set<String>> keys = new TreeMap<>();
    try (FakeSplunk fake = Fixtures.fake();
        SplunkRestClient client = Fixtures.client(fake, new Fixtures.FakeSleeper(), new Fixtures.RecordingLog())) {
      WriteResult result = client.writeRiskEvents(events,
          new RiskWriteOptions("risk", "sh1", TacticLookup.shipped(), RiskOrigin.NONE));
      assertTrue(result.complete(), result.toString());
      for (RecordedRequest sent : fake.receivers().accepted()) {
        Set<String> k = new TreeSet<>(sent.query().keySet());
        String id = null;
        for (Map.Entry<String, String> pair : StashPairs.parse(sent.body())) {
          k.add(pair.getKey());
          if (pair.getKey().equals("risk_event_id")) {
            id = pair.getValue();
          }
        }
        assertTrue(sent.body().matches("^[0-9]+\\.[0-9]{3}, .*"), "the text starts with the event's time: " + sent.body());
        k.add("_time");
        keys.put(id, k);
      }
    }
    return keys;
  }
}
