package org.idetunnelrisk.modinput;

import org.idetunnelrisk.splunk.Log;
import org.idetunnelrisk.splunk.Redactor;
import org.idetunnelrisk.splunk.SessionKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventWriterTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Redactor redactor = new Redactor();
  private final Log log = Log.lines(new PrintStream(err, true, StandardCharsets.UTF_8), redactor);
  private final EventWriter writer = new EventWriter(out, log);

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesFullEventInSdkOrder() {
    writer.write(Event.of("polled=42 risk_events=3").withStanza("ide_tunnel_risk://corp").withTime(1790860000.1234)
        .withSource("ide_tunnel_risk://corp").withSourcetype("ide_tunnel_risk:run").withIndex("_internal")
        .withHost("sh1"));
    assertEquals("<stream>\n<event stanza=\"ide_tunnel_risk://corp\" unbroken=\"1\"><time>1790860000.123</time>"
        + "<source>ide_tunnel_risk://corp</source><sourcetype>ide_tunnel_risk:run</sourcetype>"
        + "<index>_internal</index><host>sh1</host><data>polled=42 risk_events=3</data><done/></event>\n", out());
    writer.close();
    assertEquals("</stream>\n", out().substring(out().length() - "</stream>\n".length()));
  }

  @Test
  void streamOpenedOnceForTwoEvents() {
    writer.write(Event.of("a"));
    writer.write(Event.of("b"));
    writer.close();
    assertEquals("<stream>\n<event unbroken=\"1\"><data>a</data><done/></event>\n"
        + "<event unbroken=\"1\"><data>b</data><done/></event>\n</stream>\n", out());
  }

  @Test
  void noEventsNoOutput() {
    writer.close();
    writer.close();
    assertEquals("", out());
  }

  @Test
  void eventWrittenBeforeCloseIsFlushed() {
    writer.write(Event.of("x"));
    assertEquals("<stream>\n<event unbroken=\"1\"><data>x</data><done/></event>\n", out());
  }

  @Test
  void escapesTextAndAttributes() {
    writer.write(Event.of("a<b & c>d \"q\"").withStanza("x\"<&>"));
    assertEquals("<stream>\n<event stanza=\"x&quot;&lt;&amp;&gt;\" unbroken=\"1\">"
        + "<data>a&lt;b &amp; c&gt;d \"q\"</data><done/></event>\n", out());
  }

  @Test
  void dropsCharactersXmlCannotCarry() {
    writer.write(Event.of("a\u0000b\u0001c\td\ne\uFFFEf\uD800g\uD83D\uDE00h"));
    assertEquals("<stream>\n<event unbroken=\"1\"><data>abc\td\nef" + "g\uD83D\uDE00h</data><done/></event>\n",
        out());
  }

  @Test
  void writesUtf8() {
    writer.write(Event.of("Zürich 東京"));
    assertEquals("<stream>\n<event unbroken=\"1\"><data>Zürich 東京</data><done/></event>\n", out());
  }

  @Test
  void eventNeedsData() {
    assertThrows(IllegalArgumentException.class, () -> Event.of(""));
  }

  @Test
  void writeAfterCloseIsRefused() {
    writer.close();
    assertThrows(IllegalStateException.class, () -> writer.write(Event.of("x")));
  }

  @Test
  void logFoldsLinesAndMasksSessionKey() {
    redactor.add(new SessionKey("SeCrEtKeY123"));
    writer.log().warn("first\r\nsecond\nkey=SeCrEtKeY123 end");
    assertEquals("WARN first second key=**** end\n", err());
  }

  @Test
  void logOfEveryLevel() {
    for (Log.Level level : Log.Level.values()) {
      writer.log().log(level, "m");
    }
    assertEquals("DEBUG m\nINFO m\nWARN m\nERROR m\nFATAL m\n", err());
  }
}
