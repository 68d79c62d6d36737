package org.idetunnelrisk.fields;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.Row;
import org.junit.jupiter.api.Test;

class FieldTableTest {
  private static Map<String, List<String>> rec(String... kv) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
    }
    return m;
  }

  @Test
  void sysmonRowGetsCanonicalNamesAndDerivedFileNames() {
    Row r = FieldTable.shipped().normalize(rec(
        "Image", "C:\\temp\\VSCode\\bin\\code-tunnel.exe",
        "CommandLine", "code-tunnel.exe tunnel",
        "OriginalFileName", "-",
        "Computer", "ws1.corp",
        "CurrentDirectory", "c:\\temp\\"), Row.builder()).build();
    assertEquals("code-tunnel.exe", r.first("process_name"));
    assertEquals("C:\\temp\\VSCode\\bin\\code-tunnel.exe", r.first("process_path"));
    assertEquals("code-tunnel.exe tunnel", r.first("process"));
    assertEquals(null, r.first("original_file_name"));
    assertEquals("ws1.corp", r.first("dest"));
    assertEquals(null, r.first("Image"));
  }

  @Test
  void datamodelPrefixIsStripped() {
    Row r = FieldTable.shipped().normalize(rec("Processes.process_name", "devtunnel.exe", "Processes.dest", "ws2"),
        Row.builder()).build();
    assertEquals("devtunnel.exe", r.first("process_name"));
    assertEquals("ws2", r.first("dest"));
  }

  @Test
  void firstSourceWithAValueWinsAndUnknownFieldsPassThrough() {
    Row r = FieldTable.shipped().normalize(rec("host", "forwarder1", "ComputerName", "ws3", "custom_x", "1"),
        Row.builder()).build();
    assertEquals("ws3", r.first("dest"));
    assertEquals("1", r.first("custom_x"));
  }

  @Test
  void multivalueKeptInOrder() {
    Row r = FieldTable.shipped().normalize(rec("QueryName", "a.devtunnels.ms", "QueryName", "b"), Row.builder()).build();
    assertArrayEquals(new String[] {"a.devtunnels.ms", "b"}, r.values("query"));
  }

  @Test
  void ruleFieldsMapToCanonical() {
    FieldTable t = FieldTable.shipped();
    assertEquals("process_path", t.ruleField("Image"));
    assertEquals("process", t.ruleField("CommandLine"));
    assertEquals("original_file_name", t.ruleField("OriginalFileName"));
    assertEquals("process_name", t.ruleField("Processes.process_name"));
    assertEquals("Unmapped", t.ruleField("Unmapped"));
  }

  @Test
  void badLinesNameFileAndLine() {
    FieldTableException e = assertThrows(FieldTableException.class,
        () -> FieldTable.parse("# c\nImage,process_path,upper\n", "my.csv"));
    assertEquals("my.csv:2: unknown transform 'upper' (expected copy, basename, dash_null or lower)", e.getMessage());
    e = assertThrows(FieldTableException.class, () -> FieldTable.parse("Image\n", "my.csv"));
    assertEquals("my.csv:1: expected 'source_field,canonical_field[,transform]' but was 'Image'", e.getMessage());
    e = assertThrows(FieldTableException.class, () -> FieldTable.parse("X.*,y\n", "my.csv"));
    assertEquals("my.csv:1: a prefix source 'X.*' needs canonical '*' but was 'y'", e.getMessage());
  }
}
