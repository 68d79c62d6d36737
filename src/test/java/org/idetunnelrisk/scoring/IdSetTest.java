package org.idetunnelrisk.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link IdSet} against a {@code HashSet<String>}: engine-shaped ids, repeats, edge values and other text. */
class IdSetTest {
  @Test
  void sameAnswersAsAHashSet() {
    SplittableRandom r = new SplittableRandom(3);
    IdSet ids = new IdSet();
    Set<String> want = new HashSet<>();
    String[] edge = {"00000000000000000000000000000000", "ffffffffffffffffffffffffffffffff",
        "fffffffffffffffffffffffffffffffg", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "short", "", "0123456789abcdef0123456789abcdef",
        "0123456789abcdefffffffffffffffff", "0123456789abcdefXXXXXXXXXXXXXXXX"};
    for (int k = 0; k < 200_000; k++) {
      String id;
      int kind = r.nextInt(10);
      if (kind == 0) {
        id = edge[r.nextInt(edge.length)];
      } else {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 32; i++) {
          sb.append("0123456789abcdef".charAt(r.nextInt(kind == 1 ? 2 : 16)));
        }
        id = sb.toString();
      }
      assertEquals(want.add(id), ids.add(id), id);
    }
    assertEquals(want.size(), ids.size());
  }
}
