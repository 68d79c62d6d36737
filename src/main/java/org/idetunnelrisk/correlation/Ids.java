package org.idetunnelrisk.correlation;

import org.idetunnelrisk.engine.StableId;

/** Stable ids of correlation results ({@link StableId}) and the time text they are made of. Stateless. */
final class Ids {
  private Ids() {}

  static String digest(String... parts) {
    return StableId.of(parts);
  }


  /** Epoch seconds as text: whole seconds without a fraction, else up to millisecond precision. */
  static String seconds(double t) {
    if (t == Math.rint(t) && Math.abs(t) < 1e15) {
      return Long.toString((long) t);
    }
    return java.math.BigDecimal.valueOf(Math.round(t * 1000) / 1000.0).stripTrailingZeros().toPlainString();
  }
}
