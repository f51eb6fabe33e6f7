package com.tradeprocessing.model;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequireTest {

  @Test
  void nonNull_allPresent_shouldNotThrow() {
    // GIVEN / WHEN / THEN
    assertThatCode(() -> Require.nonNull("a b", "x", 1)).doesNotThrowAnyException();
  }

  @Test
  void nonNull_secondValueNull_shouldThrowNamingIt() {
    // GIVEN / WHEN / THEN
    assertThatThrownBy(() -> Require.nonNull("a b c", "x", null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("b");
  }

  @Test
  void nonNull_fewerNamesThanValues_shouldThrowEvenWhenNoneIsNull() {
    // GIVEN / WHEN / THEN
    assertThatThrownBy(() -> Require.nonNull("a", "x", "y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 names for 2 values");
  }
}
