package org.idetunnelrisk.alert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A working stand-in for the scorer: records each call, returns fixed counts or throws. */
final class FakeAlertScorer implements AlertScorer {
  final List<Path> calls = new ArrayList<>();
  AlertSettings lastSettings;
  Exception failure;

  @Override
  public AlertSummary score(AlertPayload payload, AlertSettings settings, Path resultsFile) throws Exception {
    calls.add(resultsFile);
    lastSettings = settings;
    if (failure != null) {
      throw failure;
    }
    return new AlertSummary(10, 2, 2, 2);
  }
}
