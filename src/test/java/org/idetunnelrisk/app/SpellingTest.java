package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpellingTest {
  static final List<String> NAMES = List.of("Image", "ImageLoaded", "User", "user", "dest", "process_name",
      "process_path", "parent_process_name");

  @Test
  void aSwapOfNeighboursIsOneEdit() {
    assertEquals(1, Spelling.distance("imgae", "image"));
    assertEquals(Optional.of("Image"), Spelling.closest("Imgae", NAMES));
  }

  @Test
  void tiesGoToTheNameCloserInCase() {
    assertEquals(Optional.of("user"), Spelling.closest("usr", NAMES));
    assertEquals(Optional.of("User"), Spelling.closest("Usr", NAMES));
  }

  @Test
  void aCaseSlipIsSuggested() {
    assertEquals(Optional.of("Image"), Spelling.closest("image", NAMES));
  }

  @Test
  void shortWordsGetOneEditLongerOnesTwo() {
    assertEquals(Optional.empty(), Spelling.closest("dxyt", NAMES), "2 edits from dest: too far for 4 letters");
    assertEquals(Optional.of("process_name"), Spelling.closest("procss_nme", NAMES));
    assertEquals(Optional.empty(), Spelling.closest("prcss_nme", NAMES));
  }

  @Test
  void aKnownNameIsNotItsOwnSuggestionAndFarNamesAreNone() {
    assertEquals(Optional.empty(), Spelling.closest("TargetObject", NAMES));
    assertEquals(Optional.of("ImageLoaded"), Spelling.closest("ImageLoad", NAMES));
  }
}
