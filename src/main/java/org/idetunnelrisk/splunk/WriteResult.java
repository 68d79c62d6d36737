package org.idetunnelrisk.splunk;

import java.util.List;

/**
 * What {@link SplunkClient#writeRiskEvents} achieved: the ids of the risk events Splunk accepted, in order,
 * and the batches it did not, each with the reason.
 */
public record WriteResult(List<String> writtenIds, List<FailedBatch> failed) {

  public WriteResult {
    writtenIds = List.copyOf(writtenIds);
    failed = List.copyOf(failed);
  }

  /** True when every event was written. */
  public boolean complete() {
    return failed.isEmpty();
  }

  /** Ids of every event not written: plainly refused or never sent, and those whose outcome is unknown. */
  public List<String> notWrittenIds() {
    return failed.stream().flatMap(f -> f.eventIds().stream()).toList();
  }

  /**
   * Ids of the events that were sent without a clear answer ({@link SplunkException#outcomeUnknown()}): they
   * may be in the index; only a search of it can tell.
   */
  public List<String> unknownIds() {
    return failed.stream().filter(f -> f.error().outcomeUnknown()).flatMap(f -> f.eventIds().stream()).toList();
  }

  /** Events not written and why ({@code error.kind()} AUTH means later batches were not tried). */
  public record FailedBatch(List<String> eventIds, SplunkException error) {
    public FailedBatch {
      eventIds = List.copyOf(eventIds);
    }
  }
}
