package org.idetunnelrisk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpNetworkTest {
  @Test
  void ipv4PrefixContainsOnlyItsRange() {
    IpNetwork n = IpNetwork.parse("10.1.0.0/16");
    assertTrue(n.contains("10.1.255.3"));
    assertFalse(n.contains("10.2.0.1"));
    assertFalse(n.contains("not an ip"));
    assertFalse(n.contains("10.1.0.256"));
  }

  @Test
  void ipv6CompressedFormsCompareByValue() {
    IpNetwork n = IpNetwork.parse("fd00::/8");
    assertTrue(n.contains("fd12:3456::1"));
    assertFalse(n.contains("fe80::1"));
    assertTrue(IpNetwork.parse("::ffff:10.0.0.0/104").contains("::ffff:10.9.8.7"));
  }

  @Test
  void familiesNeverMix() {
    assertFalse(IpNetwork.parse("0.0.0.0/0").contains("::1"));
  }

  @Test
  void badNetworksNameTheText() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpNetwork.parse("10.0.0.0/33"));
    assertEquals("'10.0.0.0/33' has a prefix length outside 0..32", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IpNetwork.parse("devtunnels.ms"));
    assertEquals("'devtunnels.ms' is not an IP network in CIDR form", e.getMessage());
  }
}
