package org.idetunnelrisk.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a Windows event, from its element tree, the same for every format that carries one (event
 * XML, EVTX). From {@code System}, each child's text under its own name ({@code EventID}, {@code Channel},
 * {@code Computer}, {@code EventRecordID}, {@code Keywords}, {@code Level}, {@code Task}...), plus
 * {@code Provider} (its {@code Name}), {@code TimeCreated} (its {@code SystemTime}),
 * {@code ExecutionProcessID} and {@code ExecutionThreadID}, {@code SecurityUserID}; from {@code EventData},
 * each {@code <Data Name="X">} as field X and unnamed {@code Data} as the multivalue field {@code Data};
 * from {@code UserData}, each leaf element's text under the leaf's name. Empty values are absent. Stateless.
 */
final class EventFields {
  private EventFields() {}

  /** The fields of {@code root}: an {@code <Event>}, or a bare {@code <EventData>}. */
  static Map<String, List<String>> of(EventNode root) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    if (root.name.equals("EventData")) {
      eventData(root, fields);
    } else {
      for (EventNode part : root.children) {
        switch (part.name) {
          case "System": system(part, fields); break;
          case "EventData": eventData(part, fields); break;
          case "UserData": leaves(part, fields); break;
          default: break; // RenderingInfo, ProcessingErrorData: not fields
        }
      }
    }
    return fields;
  }

  private static void system(EventNode system, Map<String, List<String>> fields) {
    for (EventNode c : system.children) {
      switch (c.name) {
        case "Provider": put(fields, "Provider", c.attribute("Name")); break;
        case "TimeCreated": put(fields, "TimeCreated", c.attribute("SystemTime")); break;
        case "Execution":
          put(fields, "ExecutionProcessID", c.attribute("ProcessID"));
          put(fields, "ExecutionThreadID", c.attribute("ThreadID"));
          break;
        case "Security": put(fields, "SecurityUserID", c.attribute("UserID")); break;
        case "Correlation": break;
        default: put(fields, c.name, c.text.toString().strip()); break;
      }
    }
  }

  private static void eventData(EventNode data, Map<String, List<String>> fields) {
    for (EventNode d : data.children) {
      if (!d.name.equals("Data")) {
        continue;
      }
      String name = d.attribute("Name");
      put(fields, name == null || name.isEmpty() ? "Data" : name, d.text.toString());
    }
  }

  private static void leaves(EventNode n, Map<String, List<String>> fields) {
    for (EventNode c : n.children) {
      if (c.children.isEmpty()) {
        put(fields, c.name, c.text.toString());
      } else {
        leaves(c, fields);
      }
    }
  }

  private static void put(Map<String, List<String>> fields, String name, String value) {
    if (value != null && !value.isEmpty()) {
      fields.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }
  }
}
