package org.idetunnelrisk.source;

import static org.idetunnelrisk.source.Rows.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.read.Readers;
import org.junit.jupiter.api.Test;

class WindowsLogSourceTest {
  private static final String EXE = "C:\\Users\\alice\\AppData\\Local\\Programs\\Microsoft VS Code\\bin\\code-tunnel.exe";

  @Test
  void security4688() throws Exception {
    Row row = Rows.of("/source/windows-security-system.xml").get(0);
    assertEquals(new LogSource("process_creation", "windows", "security"), row.logSource());
    assertEquals("WKS-042.corp.example|Security|991204|1795166102", row.eventKey());
    assertEquals(List.of("code-tunnel.exe"), values(row, "process_name"));
    assertEquals(List.of(EXE), values(row, "process_path"));
    assertEquals(List.of("explorer.exe"), values(row, "parent_process_name"));
    assertEquals(List.of("C:\\Windows\\explorer.exe"), values(row, "parent_process_path"));
    assertEquals(List.of("0x2164"), values(row, "process_id"), "NewProcessId is the new process");
    assertEquals(List.of("0x13f0"), values(row, "parent_process_id"), "4688's ProcessId is the creator");
    assertEquals(List.of("alice"), values(row, "user"));
    assertEquals(List.of("4688"), values(row, "signature_id"));
  }

  @Test
  void security4698TaskActions() throws Exception {
    Row row = Rows.of("/source/windows-security-system.xml").get(1);
    assertEquals(new LogSource(null, "windows", "security"), row.logSource());
    assertEquals(List.of("\\VSCodeTunnel"), values(row, "task_name"));
    assertEquals(List.of(EXE, "C:\\Windows\\System32\\cmd.exe"), values(row, "task_command"));
    assertEquals(List.of("tunnel --accept-server-license-terms --name wks042", ""), values(row, "task_arguments"));
    assertEquals(1, values(row, "task_content").size());
    assertEquals("WKS-042.corp.example|Security|991300|1795166400", row.eventKey());
  }

  @Test
  void system7045() throws Exception {
    Row row = Rows.of("/source/windows-security-system.xml").get(2);
    assertEquals(new LogSource(null, "windows", "system"), row.logSource());
    assertEquals(List.of("code-tunnel"), values(row, "service_name"));
    assertEquals(List.of("\"C:\\Users\\alice\\.vscode\\cli\\code-tunnel.exe\" tunnel service internal-run"),
        values(row, "service_path"));
    assertEquals(List.of("7045"), values(row, "signature_id"));
  }

  @Test
  void malformedTaskContentKeepsTheRecord() throws Exception {
    String xml = "<Event><System><Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4698</EventID>"
        + "<Channel>Security</Channel></System><EventData><Data Name='TaskName'>\\T</Data>"
        + "<Data Name='TaskContent'>&lt;Task&gt;&lt;Actions&gt;&lt;Exec&gt;&lt;Command&gt;x.exe&lt;/Actions&gt;</Data>"
        + "</EventData></Event>";
    Row row = Rows.of(Readers.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t.xml")).get(0);
    assertEquals(List.of("\\T"), values(row, "task_name"));
    assertFalse(row.hasValue("task_command"));
    assertFalse(row.hasValue("task_arguments"));
  }

  @Test
  void splunkRenderedSecurityFields() throws Exception {
    String csv = "_time,source,EventCode,ComputerName,NewProcessName,ProcessId\n"
        + "2026-11-23T10:00:00.000+00:00,XmlWinEventLog:Security,4688,wks042,C:\\x\\devtunnel.exe,0x10\n";
    Row row = Rows.of(Readers.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "sec.csv")).get(0);
    assertEquals(new LogSource("process_creation", "windows", "security"), row.logSource());
    assertEquals(List.of("devtunnel.exe"), values(row, "process_name"));
    assertEquals(List.of("0x10"), values(row, "parent_process_id"));
    assertEquals(java.time.Instant.parse("2026-11-23T10:00:00Z").getEpochSecond(), row.time(), 1e-6);
  }
}
