package org.idetunnelrisk.source;

import java.util.List;
import java.util.Locale;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;

/**
 * Elastic Agent / Elastic Defend endpoint events in ECS ({@link Layout#ECS}), which name no Windows provider or
 * channel. The Sigma category comes from {@code event.category} and {@code event.type}: process and start is
 * process_creation; network with {@code dns.question.name} dns_query, else network_connection; file with creation
 * or change file_event; library or driver image_load; registry registry_set. The product from
 * {@code host.os.type} (else {@code host.os.family}). Time from {@code @timestamp}; the event key from
 * {@code event.id} (Elastic's id of the event) when there is one. ECS names map to canonical ones through the field
 * table ({@code process.command_line} is {@code process}, {@code host.name} is {@code dest}...). Stateless.
 */
final class EcsSource implements Source {
  @Override
  public boolean accepts(Fields f) {
    return Layout.of(f.map()) == Layout.ECS && f.has("event.category");
  }

  @Override
  public void apply(Fields f, Row.Builder row) {
    String product = f.firstOf("host.os.type", "host.os.family");
    row.logSource(new LogSource(category(f), product == null ? null : product.toLowerCase(Locale.ROOT), null));
    row.time(Times.first(Times.iso(f.first("@timestamp")), Times.splunk(f.first("_time"))));
    String id = f.first("event.id");
    if (id != null && !id.isEmpty()) {
      row.eventKey("ecs|" + f.first("host.name") + "|" + id);
    }
  }

  private static String category(Fields f) {
    List<String> categories = values(f, "event.category");
    List<String> types = values(f, "event.type");
    if (categories.contains("process")) {
      return types.contains("start") ? "process_creation" : null;
    }
    if (categories.contains("network")) {
      return f.has("dns.question.name") ? "dns_query" : "network_connection";
    }
    if (categories.contains("file")) {
      return types.contains("creation") || types.contains("change") ? "file_event" : null;
    }
    if (categories.contains("library") || categories.contains("driver")) {
      return "image_load";
    }
    if (categories.contains("registry")) {
      return "registry_set";
    }
    return null;
  }

  private static List<String> values(Fields f, String name) {
    List<String> v = f.map().get(name);
    return v == null ? List.of() : v.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }
}
