package org.idetunnelrisk.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes {@link TaskContent#execActions} with the task XML of Security 4698 events. Property: never an
 * exception (a refused or malformed definition gives no actions), never a null in an action; no hang.
 */
class TaskContentFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void taskXml(byte[] data) {
    check(data);
  }

  static void check(byte[] data) {
    List<TaskContent.Exec> actions = TaskContent.execActions(new String(data, StandardCharsets.UTF_8));
    for (TaskContent.Exec e : actions) {
      if (e.command() == null || e.arguments() == null) {
        throw new AssertionError("action with a null part: " + e);
      }
    }
  }
}
