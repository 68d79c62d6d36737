package org.idetunnelrisk.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.function.Predicate;
import org.idetunnelrisk.spl.Feed;
import org.junit.jupiter.api.Test;

/**
 * A datamodel feed's tstats search splits its rows by exactly the fields that identify an event of its kind, so
 * one event is one row: a field one event holds several values of (a DNS query's answers, a process's hashes)
 * is gathered with {@code values()} and can never make two rows, or two risk events, of one event.
 */
class TstatsSplitIsTheIdentityTest {
  @Test
  void everyDatamodelFeedSplitsByItsEventsIdentityAndGathersTheRest() {
    int feeds = 0;
    for (Feed feed : Feed.values()) {
      if (feed.shape() != Feed.Shape.TSTATS) {
        continue;
      }
      feeds++;
      Predicate<String> identity = EventIdentity.datamodel(feed.logSources().get(0));
      assertEquals(feed.datamodelFields().stream().filter(identity).toList(), feed.splitFields(), feed.id());
      assertEquals(feed.datamodelFields().stream().filter(identity.negate()).toList(), feed.gatheredFields(), feed.id());
      assertFalse(feed.splitFields().isEmpty(), feed.id());
    }
    assertEquals(2, feeds);
  }

  @Test
  void aDnsQueryIsSplitByWhoAskedWhichServerWhatAndNeverByItsAnswers() {
    assertEquals(List.of("src", "dest", "query", "record_type"), Feed.NETWORK_RESOLUTION.splitFields());
    assertEquals(List.of("answer", "reply_code", "vendor_product"), Feed.NETWORK_RESOLUTION.gatheredFields());
  }
}
