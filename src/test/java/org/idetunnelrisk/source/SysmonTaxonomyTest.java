package org.idetunnelrisk.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.junit.jupiter.api.Test;

/**
 * Sysmon events against the categories of the Sigma taxonomy (appendix "Sigma Taxonomy" 2.1.0): the registry
 * categories, and events a process rule must never evaluate.
 */
class SysmonTaxonomyTest {
  private static final LogSource PROCESS_RULE = new LogSource("process_creation", "windows", null);
  private static final LogSource REGISTRY_EVENT_RULE = new LogSource("registry_event", "windows", null);

  /** The log source the pipeline gives a Sysmon event with this id (and EventType). */
  static LogSource sysmon(String id, String eventType) throws Exception {
    String xml = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
        + "<Provider Name='Microsoft-Windows-Sysmon'/><EventID>" + id + "</EventID><EventRecordID>7</EventRecordID>"
        + "<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>ws1</Computer></System><EventData>"
        + (eventType == null ? "" : "<Data Name='EventType'>" + eventType + "</Data>")
        + "<Data Name='Image'>C:\\x\\code.exe</Data></EventData></Event>";
    List<Row> rows = new ArrayList<>();
    Normalizer n = new Normalizer(FieldTable.shipped());
    try (RecordReader r = Readers.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t")) {
      Record rec;
      while ((rec = r.next()) != null) {
        rows.add(n.toRow(rec));
      }
    }
    assertEquals(1, rows.size());
    return rows.get(0).logSource();
  }

  @Test
  void registryEventsHaveTheirOwnCategoriesAndRegistryEventTakesThemAll() throws Exception {
    assertEquals("registry_add", sysmon("12", "CreateKey").category());
    assertEquals("registry_delete", sysmon("12", "DeleteKey").category());
    assertEquals("registry_delete", sysmon("12", "DeleteValue").category());
    assertEquals("registry_set", sysmon("13", "SetValue").category());
    assertEquals("registry_rename", sysmon("14", "RenameKey").category());
    for (String[] e : new String[][] {{"12", "CreateKey"}, {"12", "DeleteKey"}, {"13", "SetValue"}, {"14", null}}) {
      LogSource row = sysmon(e[0], e[1]);
      assertTrue(REGISTRY_EVENT_RULE.accepts(row), "registry_event takes " + row);
      assertFalse(PROCESS_RULE.accepts(row), "process_creation does not take " + row);
    }
    assertTrue(new LogSource("registry_set", "windows", null).accepts(sysmon("13", null)));
    assertFalse(new LogSource("registry_set", "windows", null).accepts(sysmon("12", "CreateKey")));
    assertFalse(new LogSource("registry_add", "windows", null).accepts(sysmon("12", "DeleteKey")));
  }

  @Test
  void sysmonEventsOfOtherCategoriesOrNoneAreNotProcessCreation() throws Exception {
    for (String id : List.of("4", "16", "19", "24", "25", "26", "27", "28", "29", "255", "99")) {
      LogSource row = sysmon(id, null);
      assertFalse(PROCESS_RULE.accepts(row), "Sysmon " + id + " (" + row + ") is not process_creation");
    }
    assertEquals("file_delete_detected", sysmon("26", null).category());
    assertEquals("clipboard_capture", sysmon("24", null).category());
    assertEquals("sysmon_event_99", sysmon("99", null).category());
    assertTrue(PROCESS_RULE.accepts(sysmon("1", null)));
  }

  @Test
  void aSysmonEventIsNotASecurityLogEventAndRulesWithoutCategoryStillSeeIt() throws Exception {
    LogSource process = sysmon("1", null);
    assertFalse(new LogSource("process_creation", "windows", "security").accepts(process));
    assertTrue(new LogSource(null, "windows", "sysmon").accepts(sysmon("4", null)));
    assertTrue(new LogSource(null, "windows", null).accepts(sysmon("99", null)));
  }
}
