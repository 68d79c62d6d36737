package org.idetunnelrisk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageTemplateTest {
  @Test
  void fillsTokensFromTheRow() {
    Row r = Row.builder().add("dest", "ws1").add("user", "alice").build();
    assertEquals("Devtunnel on ws1 by alice", MessageTemplate.fill("Devtunnel on $dest$ by $user$", r));
  }

  @Test
  void substitutedValuesAreNeverExpandedAgain() {
    Row r = Row.builder().add("process", "x.exe $user$").add("user", "secret").build();
    assertEquals("ran x.exe $user$", MessageTemplate.fill("ran $process$", r));
  }

  @Test
  void missingFieldReadsUnknownAndDoubleDollarIsLiteral() {
    Row r = Row.builder().add("dest", "ws1").build();
    assertEquals("unknown user on ws1 costs $5", MessageTemplate.fill("$user$ on $dest$ costs $$5", r));
    assertEquals("made persistent on unknown host by unknown user (parent unknown parent process)",
        MessageTemplate.fill("made persistent on $src$ by $user$ (parent $parent_process_name$)", Row.builder().build()));
    assertEquals("tunnel unknown tunnel name", MessageTemplate.fill("tunnel $tunnel_name$", r));
  }

  @Test
  void textBetweenDollarsThatIsNoFieldNameStays() {
    Row r = Row.builder().add("dest", "ws1").build();
    assertEquals("costs $5 or $6 on ws1", MessageTemplate.fill("costs $5 or $6 on $dest$", r));
    assertEquals("Web request from $ ($) to ws1", MessageTemplate.fill("Web request from $ ($) to $dest$", r));
  }

  @Test
  void riskObjectTokenIsTheRiskEventsOwnObject() {
    Row r = Row.builder().add("src", "10.0.0.5").add("query", "x.devtunnels.ms").build();
    String template = "$query$ looked up on $risk_object$";
    assertTrue(MessageTemplate.namesRiskObject(template));
    assertEquals("x.devtunnels.ms looked up on ws7", MessageTemplate.fill(template, r, "ws7"));
    assertEquals("x.devtunnels.ms looked up on unknown host", MessageTemplate.fill(template, r));
  }

  @Test
  void multivalueJoinedWithComma() {
    Row r = Row.builder().add("query", "a.devtunnels.ms").add("query", "b.devtunnels.ms").build();
    assertEquals("asked a.devtunnels.ms, b.devtunnels.ms", MessageTemplate.fill("asked $query$", r));
  }

  @Test
  void unterminatedTokenStaysAsWritten() {
    Row r = Row.builder().add("dest", "ws1").build();
    assertEquals("cost $dest", MessageTemplate.fill("cost $dest", r));
  }
}
