package org.idetunnelrisk.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input matrix for the task XML inside Security 4698 events: each refused or broken definition
 * gives no parsed actions (the event itself is kept, and the rules still see its raw {@code TaskContent});
 * never an exception, never an entity resolved, never a hang.
 */
class TaskContentHostileTest {
  private static final String EXEC = "<Actions><Exec><Command>devtunnel.exe</Command><Arguments>host</Arguments></Exec></Actions>";
  private static final List<TaskContent.Exec> PARSED = List.of(new TaskContent.Exec("devtunnel.exe", "host"));

  @Test
  void wellFormedTaskIsParsedAsAControl() {
    assertEquals(PARSED, TaskContent.execActions("<Task>" + EXEC + "</Task>"));
  }

  @Test
  void externalEntityOverTheNetworkIsRefused() {
    String xml = "<!DOCTYPE Task [<!ENTITY net SYSTEM \"http://127.0.0.1:9/steal\">]><Task><Actions><Exec>"
        + "<Command>&net;</Command></Exec></Actions></Task>";
    assertEquals(List.of(), TaskContent.execActions(xml));
  }

  @Test
  void externalDtdIsRefused() {
    assertEquals(List.of(), TaskContent.execActions("<!DOCTYPE Task SYSTEM \"http://127.0.0.1:9/t.dtd\"><Task>" + EXEC + "</Task>"));
  }

  @Test
  void entityExpansionBombIsRefused() {
    StringBuilder xml = new StringBuilder("<!DOCTYPE Task [<!ENTITY a \"aaaaaaaaaa\">");
    for (int i = 1; i <= 9; i++) {
      xml.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
    }
    xml.append("]><Task><Actions><Exec><Command>&a9;</Command></Exec></Actions></Task>");
    assertEquals(List.of(), TaskContent.execActions(xml.toString()));
  }

  @Test
  void undeclaredEntityReferenceGivesNoActions() {
    assertEquals(List.of(), TaskContent.execActions("<Task><Actions><Exec><Command>&x;</Command></Exec></Actions></Task>"));
  }

  @Test
  void hundredThousandDeepNestingGivesNoActions() {
    String xml = "<Task>" + "<x>".repeat(100_000) + "</x>".repeat(100_000) + EXEC + "</Task>";
    assertEquals(List.of(), TaskContent.execActions(xml));
  }

  @Test
  void invalidCharacterGivesNoActions() {
    assertEquals(List.of(), TaskContent.execActions("<Task><Actions><Exec><Command>dev\u0001tunnel.exe</Command></Exec>"
        + "</Actions></Task>"));
  }

  @Test
  void nulByteGivesNoActions() {
    assertEquals(List.of(), TaskContent.execActions("<Task>\u0000" + EXEC + "</Task>"));
  }

  @Test
  void truncatedDefinitionGivesNoActions() {
    assertEquals(List.of(), TaskContent.execActions("<Task>" + EXEC.substring(0, 40)));
  }

  @Test
  void doctypeSpelledInLowerCaseIsStillRefused() {
    assertEquals(List.of(), TaskContent.execActions("<!doctype Task [<!ENTITY e \"x\">]><Task>" + EXEC + "</Task>"));
  }
}
