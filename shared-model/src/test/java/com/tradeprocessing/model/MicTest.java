package com.tradeprocessing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MicTest {

  @ParameterizedTest
  @ValueSource(strings = {"XNAS", "XNYS", "XLON", "XETR", "XAMS", "BATS", "XXXX", "1234"})
  void parse_wellFormedMic_shouldKeepIt(String value) {
    // WHEN
    Mic mic = Mic.parse(value);

    // THEN
    assertThat(mic.value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "XNA", "XNASD", "xnas", "XN S", "LSE", "NASDAQ"})
  void parse_malformedMic_shouldThrow(String value) {
    // WHEN / THEN
    assertThatIllegalArgumentException().isThrownBy(() -> Mic.parse(value));
  }
}
