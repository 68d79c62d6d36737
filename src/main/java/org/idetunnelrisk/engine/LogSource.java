package org.idetunnelrisk.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * Sigma's {@code logsource}: category, product and service, each optional (null).
 *
 * <p>A rule applies to a row when, for each attribute the rule names, the row either names the same value
 * or does not know it. A row of unknown origin ({@link #ANY}) is therefore evaluated by every rule, which
 * is what a content team scanning an unlabelled export expects.
 */
public record LogSource(String category, String product, String service) {
  /** Unknown origin: every rule applies. */
  public static final LogSource ANY = new LogSource(null, null, null);

  public LogSource {
    category = norm(category);
    product = norm(product);
    service = norm(service);
  }

  // written out rather than made from method handles at start-up (see sigma's CorrelationCompiler.Ref)
  @Override
  public boolean equals(Object o) {
    return o instanceof LogSource l && Objects.equals(l.category, category) && Objects.equals(l.product, product)
        && Objects.equals(l.service, service);
  }

  @Override
  public int hashCode() {
    return Objects.hash(category, product, service);
  }

  private static String norm(String s) {
    return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a rule with this log source applies to a row with log source {@code row}. Categories follow the
   * Sigma taxonomy, where {@code registry_event} is every registry event: {@code registry_add},
   * {@code registry_delete}, {@code registry_set} and {@code registry_rename}.
   */
  public boolean accepts(LogSource row) {
    return (compatible(category, row.category) || REGISTRY_EVENT.equals(category) && REGISTRY.contains(row.category))
        && compatible(product, row.product)
        && compatible(service, row.service);
  }

  private static final String REGISTRY_EVENT = "registry_event";
  private static final java.util.Set<String> REGISTRY =
      java.util.Set.of("registry_add", "registry_delete", "registry_set", "registry_rename");

  private static boolean compatible(String rule, String row) {
    return rule == null || row == null || rule.equals(row);
  }
}
