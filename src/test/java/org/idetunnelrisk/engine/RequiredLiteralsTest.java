package org.idetunnelrisk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequiredLiteralsTest {
  private static Matcher field(String name, ValueTest test) {
    return new Matcher.Field(name, test);
  }

  @Test
  void aShortAnchoredValueDoesNotGateWhenALongerPieceIsRequiredToo() {
    // Initiated: 'true' holds on every outbound connection; the host name is what makes the rule rare.
    Matcher m = new Matcher.AllOf(List.of(field("initiated", new ValueTest.Equals("true", false)),
        field("dest_host", new ValueTest.Contains("ngrok.io", false))));
    assertEquals(List.of(new RequiredLiterals.Need("dest_host", "ngrok.io", RequiredLiterals.Anchor.NONE)),
        RequiredLiterals.of(m, RequiredLiterals.FIELD_SAFE));
  }

  @Test
  void aSelectiveAnchoredValueStillGatesBeforeALongerScan() {
    Matcher m = new Matcher.AllOf(List.of(field("process_name", new ValueTest.Equals("code.exe", false)),
        field("process", new ValueTest.Contains("--accept-server-license-terms", false))));
    assertEquals(List.of(new RequiredLiterals.Need("process_name", "code.exe", RequiredLiterals.Anchor.EQUALS)),
        RequiredLiterals.of(m, RequiredLiterals.FIELD_SAFE));
  }
}
