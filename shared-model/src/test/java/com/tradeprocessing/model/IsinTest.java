package com.tradeprocessing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsinTest {

  @ParameterizedTest
  @CsvSource({
    "US0378331005, US", // Apple
    "US5949181045, US", // Microsoft
    "GB00BH4HKS39, GB", // Vodafone
    "DE0007164600, DE", // SAP
    "NL0010273215, NL", // ASML
    "US46625H1005, US", // JPMorgan Chase
    "XS2021832634, XS", // an international (Eurobond) issue
  })
  void parse_realIsin_shouldKeepValueAndCountry(String value, String country) {
    // WHEN
    Isin isin = Isin.parse(value);

    // THEN
    assertThat(isin.value()).isEqualTo(value);
    assertThat(isin.countryCode()).isEqualTo(country);
    assertThat(isin.toString()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "US0378331004",
        "US0378331006",
        "US5949181040",
        "GB00BH4HKS38",
        "DE0007164601",
        "NL0010273216",
        "US46625H1006"
      })
  void parse_wrongCheckDigit_shouldThrow(String value) {
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Isin.parse(value))
        .withMessageContaining("check digit");
  }

  @Test
  void parse_transposedDigits_shouldBeCaughtByTheCheckDigit() {
    // GIVEN Apple's ISIN with two adjacent digits swapped (037833 -> 073833)
    String transposed = "US0738331005";

    // WHEN / THEN
    assertThatIllegalArgumentException().isThrownBy(() -> Isin.parse(transposed));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "US037833100",
        "US03783310055",
        "us0378331005",
        "U10378331005",
        "US037833100X",
        " US0378331005",
        "US-378331005"
      })
  void parse_malformed_shouldThrow(String value) {
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Isin.parse(value))
        .withMessageContaining("ISIN must be");
  }

  @Test
  void parse_null_shouldThrowNullPointer() {
    // WHEN / THEN
    assertThatNullPointerException().isThrownBy(() -> Isin.parse(null));
  }

  @Test
  void equals_sameValue_shouldBeEqual() {
    // WHEN / THEN
    assertThat(Isin.parse("US0378331005")).isEqualTo(new Isin("US0378331005"));
  }
}
