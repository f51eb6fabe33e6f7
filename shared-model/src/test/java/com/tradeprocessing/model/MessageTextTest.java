package com.tradeprocessing.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageTextTest {

  @Test
  void quote_shortPrintableText_shouldBeQuotedUnchanged() {
    // WHEN / THEN
    assertThat(MessageText.quote("HOLD")).isEqualTo("'HOLD'");
  }

  @Test
  void quote_longText_shouldBeCutAtFortyCharactersWithItsLength() {
    // WHEN
    String quoted = MessageText.quote("9".repeat(100_000));

    // THEN
    assertThat(quoted).isEqualTo("'" + "9".repeat(40) + "... (100000 characters)'");
  }

  @Test
  void quote_controlCharactersAndUnpairedSurrogates_shouldBeEscaped() {
    // WHEN
    String quoted = MessageText.quote("a\u0000b\u001fc\ud800d\udc00e\u0085");

    // THEN
    assertThat(quoted).isEqualTo("'a\\u0000b\\u001Fc\\uD800d\\uDC00e\\u0085'");
  }

  @Test
  void quote_surrogatePairAcrossTheCut_shouldNotBeSplit() {
    // GIVEN: 39 letters, then an emoji whose pair straddles the 40th character
    String text = "x".repeat(39) + "\ud83d\ude00" + "tail";

    // WHEN
    String quoted = MessageText.quote(text);

    // THEN
    assertThat(quoted).isEqualTo("'" + "x".repeat(39) + "... (45 characters)'");
    String roundTripped =
        new String(quoted.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertThat(roundTripped).isEqualTo(quoted);
  }

  @Test
  void quote_pairedEmoji_shouldBeKept() {
    // WHEN / THEN
    assertThat(MessageText.quote("\ud83d\ude00")).isEqualTo("'\ud83d\ude00'");
  }
}
