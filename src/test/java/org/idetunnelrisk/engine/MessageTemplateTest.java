package org.idetunnelrisk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void missingFieldKeepsTokenAndDoubleDollarIsLiteral() {
    Row r = Row.builder().add("dest", "ws1").build();
    assertEquals("$user$ on ws1 costs $5", MessageTemplate.fill("$user$ on $dest$ costs $$5", r));
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
