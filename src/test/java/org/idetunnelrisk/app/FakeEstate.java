package org.idetunnelrisk.app;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;

/**
 * The telemetry a fake Splunk holds, per feed, each row with its index time: answers the modular input's
 * export searches as splunkd would (rows of the feed named by the search's index macro, whose time is in
 * [earliest_time, latest_time)), and its searches of the risk index for risk_event_id from what the
 * receivers endpoint accepted and made searchable, by the risk events' own times. Plug into {@code FakeSplunk.export().respondWith(estate)}.
 */
final class FakeEstate implements Function<RecordedRequest, List<String>> {
  private static final Pattern ID = Pattern.compile("risk_event_id=\"([0-9a-f]+)\"");
  private static final Pattern IN = Pattern.compile("risk_event_id IN \\(([^)]*)\\)");

  private record Held(long time, JsonObject result) {}

  private final FakeSplunk splunk;
  private final Map<Feed, List<Held>> rows = new EnumMap<>(Feed.class);

  FakeEstate(FakeSplunk splunk) {
    this.splunk = splunk;
  }

  /** A raw event (Sysmon XML, CrowdStrike JSON...) indexed at {@code time}. */
  FakeEstate raw(Feed feed, long time, String raw) {
    JsonObject r = new JsonObject();
    r.addProperty("_time", Long.toString(time));
    r.addProperty("_raw", raw);
    r.addProperty("host", "forwarder1");
    rows.computeIfAbsent(feed, f -> new ArrayList<>()).add(new Held(time, r));
    return this;
  }

  /** A datamodel row (field to value) at {@code time}. */
  FakeEstate row(Feed feed, long time, Map<String, List<String>> fields) {
    JsonObject r = new JsonObject();
    fields.forEach((k, v) -> {
      if (v.size() == 1) {
        r.addProperty(k, v.get(0));
      } else {
        JsonArray a = new JsonArray();
        v.forEach(a::add);
        r.add(k, a);
      }
    });
    r.addProperty("_time", Long.toString(time));
    rows.computeIfAbsent(feed, f -> new ArrayList<>()).add(new Held(time, r));
    return this;
  }

  /** Every line of a one-event-per-line file as a raw event at {@code time}. */
  FakeEstate rawLines(Feed feed, long time, Path file) throws IOException {
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        raw(feed, time, line);
      }
    }
    return this;
  }

  /** Every record of a results CSV as a datamodel row at {@code time} (its own _time column dropped). */
  FakeEstate csvRows(Feed feed, long time, Path csv) throws IOException {
    try (RecordReader r = Readers.open(csv)) {
      Record rec;
      while ((rec = r.next()) != null) {
        Map<String, List<String>> f = new java.util.LinkedHashMap<>(rec.fields());
        f.remove("_time");
        row(feed, time, f);
      }
    }
    return this;
  }

  int size(Feed feed) {
    return rows.getOrDefault(feed, List.of()).size();
  }

  /** Every risk_event_id the receivers endpoint accepted, in order. */
  List<String> acceptedIds() {
    List<String> ids = new ArrayList<>();
    for (RecordedRequest r : splunk.receivers().accepted()) {
      Matcher m = ID.matcher(r.body());
      if (m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }

  @Override
  public List<String> apply(RecordedRequest r) {
    Map<String, String> form = r.form();
    String search = form.getOrDefault("search", "");
    long earliest = Long.parseLong(form.get("earliest_time"));
    long latest = Long.parseLong(form.get("latest_time"));
    List<String> out = new ArrayList<>();
    Matcher in = IN.matcher(search);
    if (in.find()) {
      Set<String> wanted = new LinkedHashSet<>();
      for (String q : in.group(1).split(",")) {
        wanted.add(q.strip().replace("\"", ""));
      }
      // the risk index as a search sees it: events searchable by now (indexing lag), whose own time (the
      // leading epoch of the stash text) lies in [earliest_time, latest_time)
      for (RecordedRequest indexed : splunk.receivers().searchable()) {
        Matcher m = ID.matcher(indexed.body());
        double time = Double.parseDouble(indexed.body().substring(0, indexed.body().indexOf(',')));
        if (m.find() && wanted.contains(m.group(1)) && time >= earliest && time < latest) {
          out.add("{\"preview\":false,\"result\":{\"risk_event_id\":\"" + m.group(1) + "\"}}");
        }
      }
      return out;
    }
    for (Map.Entry<Feed, List<Held>> e : rows.entrySet()) {
      if (!search.contains("`" + e.getKey().indexMacro() + "`")) {
        continue;
      }
      int offset = 0;
      for (Held h : e.getValue()) {
        if (h.time() >= earliest && h.time() < latest) {
          JsonObject line = new JsonObject();
          line.addProperty("preview", false);
          line.addProperty("offset", offset++);
          line.add("result", h.result());
          out.add(line.toString());
        }
      }
    }
    return out;
  }
}
