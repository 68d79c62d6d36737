package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlEventReaderTest {
  static final Path REAL_FRAGMENT = Path.of(
      "/work/shared/data/real/sigmahq-pr4463-sysmon-fragment/code-tunnel_sysmon1_eventdata.closed.xml");

  @Test
  void splunkXmlWinEventLogOnePerLine() throws Exception {
    Reading r = Reading.resource("sysmon-splunk.xml");
    assertEquals("xml", r.format);
    assertEquals(List.of(), r.errors);
    assertEquals(5, r.records.size());
    Record p = r.records.get(0);
    assertEquals(1, p.line());
    Map<String, List<String>> f = p.fields();
    assertEquals(List.of("1"), f.get("EventID"));
    assertEquals(List.of("Microsoft-Windows-Sysmon"), f.get("Provider"));
    assertEquals(List.of("Microsoft-Windows-Sysmon/Operational"), f.get("Channel"));
    assertEquals(List.of("WKS-042.corp.example"), f.get("Computer"));
    assertEquals(List.of("4711"), f.get("EventRecordID"));
    assertEquals(List.of("2026-11-20T09:15:02.1234567Z"), f.get("TimeCreated"));
    assertEquals(List.of("0x8000000000000000"), f.get("Keywords"));
    assertEquals(List.of("4"), f.get("Level"));
    assertEquals(List.of("1"), f.get("Task"));
    assertEquals(List.of("3112"), f.get("ExecutionProcessID"));
    assertEquals(List.of("4012"), f.get("ExecutionThreadID"));
    assertEquals(List.of("S-1-5-18"), f.get("SecurityUserID"));
    assertEquals(List.of("-"), f.get("OriginalFileName"));
    assertEquals(List.of("\"C:\\Users\\alice\\AppData\\Local\\Programs\\Microsoft VS Code\\bin\\code-tunnel.exe\" tunnel"
        + " --accept-server-license-terms --name wks042"), f.get("CommandLine"));
    assertFalse(f.containsKey("Correlation"));
    assertTrue(p.raw().startsWith("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System>"
        + "<Provider Name=\"Microsoft-Windows-Sysmon\" Guid=\"{5770385f-c22a-43e0-bf4c-06f5698ffbd9}\"></Provider>"), p.raw());
    assertTrue(p.raw().contains("<Data Name=\"CommandLine\">\"C:\\Users\\alice"), p.raw());
    assertTrue(p.raw().endsWith("</EventData></Event>"), p.raw());
    assertEquals(List.of("3", "7", "11", "22"), r.records.subList(1, 5).stream().map(x -> x.fields().get("EventID").get(0)).toList());
    assertEquals(List.of(2L, 3L, 4L, 5L), r.records.subList(1, 5).stream().map(Record::line).toList());
    assertEquals(List.of("global.rel.tunnels.api.visualstudio.com"), r.records.get(4).fields().get("QueryName"));
  }

  @Test
  void wevtutilPrettyWithEventsRoot() throws Exception {
    Reading r = Reading.resource("sysmon-wevtutil-root.xml");
    assertEquals(List.of(), r.errors);
    assertEquals(2, r.records.size());
    assertEquals(3, r.records.get(0).line());
    assertEquals(List.of("C:\\Tools\\devtunnel.exe"), r.records.get(0).fields().get("Image"));
    assertEquals(List.of("2026-11-20T10:01:00.0000001Z"), r.records.get(0).fields().get("TimeCreated"));
    assertEquals(31, r.records.get(1).line());
    assertEquals(List.of("abcd1234-3389.euw.devtunnels.ms"), r.records.get(1).fields().get("QueryName"));
  }

  @Test
  void wevtutilPrettyWithoutRootAndWithDeclarations() throws Exception {
    Reading r = Reading.resource("sysmon-wevtutil-bare.xml");
    assertEquals(List.of(), r.errors);
    assertEquals(2, r.records.size());
    Record linux = r.records.get(0);
    assertEquals(2, linux.line());
    assertEquals(List.of("Linux-Sysmon"), linux.fields().get("Provider"));
    assertEquals(List.of("/usr/share/code/bin/code-tunnel"), linux.fields().get("Image"));
    Record net = r.records.get(1);
    assertEquals(21, net.line());
    assertEquals(List.of("unnamed-1", "unnamed-2"), net.fields().get("Data"));
    assertEquals(List.of("first", "second"), net.fields().get("Note"), "UserData leaves flattened");
    assertNull(net.fields().get("Level"), "RenderingInfo is not a field source");
  }

  @Test
  void bareEventDataIsOneEvent() throws Exception {
    String xml = "<EventData>\n  <Data Name=\"Image\">C:\\x\\code-tunnel.exe</Data> \n  <Data Name=\"OriginalFileName\">-</Data>\n</EventData>\n";
    Reading r = Reading.text(xml, "frag.xml");
    assertEquals(Map.of("Image", List.of("C:\\x\\code-tunnel.exe"), "OriginalFileName", List.of("-")), r.only().fields());
  }

  @Test
  void realSigmaPrFragment() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(REAL_FRAGMENT),
        "skipped: the real Sysmon fragment " + REAL_FRAGMENT + " is not present on this machine");
    Reading r = Reading.of(Readers.open(REAL_FRAGMENT));
    assertEquals(List.of(), r.errors);
    Record rec = r.only();
    assertEquals(13, rec.fields().size());
    assertEquals(List.of("C:\\temp\\VSCode\\bin\\code-tunnel.exe"), rec.fields().get("Image"));
    assertEquals(List.of("code-tunnel.exe tunnel"), rec.fields().get("CommandLine"));
    assertEquals(List.of("-"), rec.fields().get("OriginalFileName"));
    assertEquals(REAL_FRAGMENT.toString(), rec.origin());
  }

  @Test
  void doctypeIsRefusedAndTheExternalFileNeverRead(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xml = "<Event><EventData><Data Name=\"a\">before</Data></EventData></Event>\n"
        + "<!DOCTYPE Event [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<Event><EventData><Data Name=\"a\">&xxe;</Data></EventData></Event>\n";
    Path file = dir.resolve("xxe.xml");
    Files.writeString(file, xml);
    Reading r = Reading.of(Readers.open(file));
    assertEquals(List.of(file + ":2: DOCTYPE is not allowed (DTDs and external entities are refused); reading stopped"),
        r.errors);
    assertTrue(r.fatal);
    assertEquals(List.of("before"), r.only().fields().get("a"));
    for (Record rec : r.records) {
      assertFalse(rec.raw().contains("TOP-SECRET"));
      assertFalse(rec.fields().toString().contains("TOP-SECRET"));
    }
  }

  @Test
  void doctypeAtTheStartIsRefused() throws Exception {
    Reading r = Reading.text("<?xml version=\"1.0\"?>\n<!DOCTYPE Events SYSTEM \"http://127.0.0.1:9/x.dtd\">\n<Events/>\n", "dtd.xml");
    assertEquals(List.of("dtd.xml:2: DOCTYPE is not allowed (DTDs and external entities are refused); reading stopped"), r.errors);
    assertEquals(0, r.records.size());
  }

  @Test
  void malformedEventIsFatalAfterEarlierEvents() throws Exception {
    String xml = "<Event><EventData><Data Name=\"a\">1</Data></EventData></Event>\n"
        + "<Event><EventData><Data Name=\"a\">2</Data></EventData></Event>\n"
        + "<Event><EventData><Data Name=\"a\">3</Dat></EventData></Event>\n"
        + "<Event><EventData><Data Name=\"a\">4</Data></EventData></Event>\n";
    Reading r = Reading.text(xml, "bad.xml");
    assertEquals(List.of("bad.xml:3: malformed XML: The element type \"Data\" must be terminated by the matching end-tag \"</Data>\"."),
        r.errors);
    assertTrue(r.fatal);
    assertEquals(2, r.records.size());
  }

  @Test
  void unexpectedElementIsSkipped() throws Exception {
    String xml = "<Event><EventData><Data Name=\"a\">1</Data></EventData></Event>\n"
        + "<Other><x>y</x></Other>\n"
        + "<Event><EventData><Data Name=\"a\">2</Data></EventData></Event>\n";
    Reading r = Reading.text(xml, "mixed.xml");
    assertEquals(List.of("mixed.xml:2: expected an <Event> element but found <Other>"), r.errors);
    assertEquals(2, r.records.size());
    assertEquals(List.of("2"), r.records.get(1).fields().get("a"));
  }

  @Test
  void depthIsBounded() throws Exception {
    String deep = "<Event><UserData>" + "<x>".repeat(10) + "v" + "</x>".repeat(10) + "</UserData></Event>\n"
        + "<Event><UserData><y>ok</y></UserData></Event>\n";
    Reading r = Reading.of(Readers.open(new ByteArrayInputStream(deep.getBytes(StandardCharsets.UTF_8)), "deep.xml",
        new ReadLimits(1 << 20, 8)));
    assertEquals(List.of("deep.xml:1: event nested deeper than the limit of 8 levels"), r.errors);
    assertEquals(Map.of("y", List.of("ok")), r.only().fields());
  }

  @Test
  void sizeIsBounded() throws Exception {
    String xml = "<Event><EventData><Data Name=\"a\">" + "z".repeat(500) + "</Data></EventData></Event>\n"
        + "<Event><EventData><Data Name=\"a\">small</Data></EventData></Event>\n";
    Reading r = Reading.of(Readers.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "big.xml",
        new ReadLimits(200, 64)));
    assertEquals(List.of("big.xml:1: event larger than the limit of 200 characters"), r.errors);
    assertEquals(List.of("small"), r.only().fields().get("a"));
  }
}
