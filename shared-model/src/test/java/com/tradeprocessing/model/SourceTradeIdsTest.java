package com.tradeprocessing.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceTradeIdsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "OMS-20261125-000123",
        "FIX-8841",
        "PB-77120",
        "A",
        "!\"#$%&'()*+,-./0123456789:;<=>?@[\\]^_`{|}~",
      })
  void isValid_idsOfTheThreeSourcesAndEveryPrintableCharacter_shouldBeAccepted(String id) {
    // WHEN / THEN
    assertThat(SourceTradeIds.isValid(id)).isTrue();
    assertThat(SourceTradeIds.problem(id)).isEmpty();
  }

  @Test
  void isValid_idOfExactlyTheMaximumLength_shouldBeAcceptedAndOneMoreRejected() {
    // GIVEN
    String longest = "X".repeat(SourceTradeIds.MAX_LENGTH);

    // WHEN / THEN
    assertThat(SourceTradeIds.isValid(longest)).isTrue();
    assertThat(SourceTradeIds.problem(longest + "X"))
        .contains("is 65 characters long, more than 64");
  }

  @Test
  void problem_controlCharacters_shouldNameTheCodePointAndPositionWithoutTheCharacter() {
    // WHEN
    String nul = SourceTradeIds.problem("OMS\u00001").orElseThrow();
    String unitSeparator = SourceTradeIds.problem("OMS-1\u001f").orElseThrow();
    String delete = SourceTradeIds.problem("\u007fOMS").orElseThrow();

    // THEN
    assertThat(nul)
        .startsWith("has the control character U+0000 at position 4")
        .doesNotContain("\u0000");
    assertThat(unitSeparator).startsWith("has the control character U+001F at position 6");
    assertThat(delete).startsWith("has the control character U+007F at position 1");
  }

  @Test
  void problem_spaceNonAsciiAndEmptyIds_shouldEachBeRejected() {
    // WHEN / THEN
    assertThat(SourceTradeIds.problem("OMS 1")).get().asString().startsWith("has a space U+0020");
    assertThat(SourceTradeIds.problem("OMS-\u00e9"))
        .get()
        .asString()
        .startsWith("has the non-ASCII character U+00E9 at position 5");
    assertThat(SourceTradeIds.problem("\ud83d\ude00"))
        .get()
        .asString()
        .startsWith("has the non-ASCII character U+D83D at position 1");
    assertThat(SourceTradeIds.problem("")).contains("is empty");
    assertThat(SourceTradeIds.isValid(null)).isFalse();
  }
}
