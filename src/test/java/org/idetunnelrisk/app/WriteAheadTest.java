package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.idetunnelrisk.splunk.SplunkException;
import org.junit.jupiter.api.Test;

class WriteAheadTest {
  @Test
  void batchesAreWrittenOneAfterTheOtherInOrder() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (WriteAhead ahead = new WriteAhead()) {
      for (int i = 1; i <= 5; i++) {
        int n = i;
        ahead.submit(() -> {
          log.add("start " + n);
          log.add("end " + n);
        });
      }
      ahead.finish();
    }
    assertEquals(List.of("start 1", "end 1", "start 2", "end 2", "start 3", "end 3", "start 4", "end 4", "start 5",
        "end 5"), log);
  }

  @Test
  void theCallerGoesOnWhileABatchIsWritten() throws Exception {
    CountDownLatch callerWentOn = new CountDownLatch(1);
    boolean[] sawIt = new boolean[1];
    try (WriteAhead ahead = new WriteAhead()) {
      ahead.submit(() -> {
        try {
          sawIt[0] = callerWentOn.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      callerWentOn.countDown();
      ahead.finish();
    }
    assertTrue(sawIt[0], "submit returned before the batch was written");
  }

  @Test
  void aFailedBatchIsThrownByTheNextSubmitAndThatBatchIsNotWritten() throws Exception {
    SplunkException failure = new SplunkException(SplunkException.Kind.HTTP, "POST /services/receivers/simple", 500,
        "HTTP 500");
    List<String> log = new CopyOnWriteArrayList<>();
    try (WriteAhead ahead = new WriteAhead()) {
      ahead.submit(() -> {
        throw failure;
      });
      SplunkException thrown = assertThrows(SplunkException.class, () -> ahead.submit(() -> log.add("second")));
      assertSame(failure, thrown);
      ahead.finish();
    }
    assertEquals(List.of(), log);
  }

  @Test
  void closeWaitsForTheBatchBeingWritten() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (WriteAhead ahead = new WriteAhead()) {
      ahead.submit(() -> log.add("written"));
    }
    assertEquals(List.of("written"), log);
  }
}
