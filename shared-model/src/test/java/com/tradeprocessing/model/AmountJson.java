package com.tradeprocessing.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.json.TradeJson;
import java.io.IOException;

/** The JSON form every amount type shares: {@code {"amount": "<decimal string>", "currency"}}. */
final class AmountJson {

  private AmountJson() {}

  /**
   * Asserts that {@code value} is written with its amount as the JSON string {@code amount}, never
   * a number that a reader could round through a double, and its {@code currency}, and that the
   * JSON reads back as an equal value.
   */
  static <T> void assertRoundTrip(T value, Class<T> type, String amount, String currency)
      throws IOException {
    String json = TradeJson.mapper().writeValueAsString(value);
    JsonNode tree = TradeJson.mapper().readTree(json);
    assertThat(tree.get("amount").isTextual()).isTrue();
    assertThat(tree.get("amount").textValue()).isEqualTo(amount);
    assertThat(tree.get("currency").textValue()).isEqualTo(currency);
    assertThat(TradeJson.mapper().readValue(json, type)).isEqualTo(value);
  }
}
