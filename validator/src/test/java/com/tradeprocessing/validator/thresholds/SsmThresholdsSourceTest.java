package com.tradeprocessing.validator.thresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradeprocessing.validator.FakeSsmClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkClientException;

class SsmThresholdsSourceTest {

  private static final String PATH = "/trade-processing/dev/thresholds/";

  /**
   * Parameters in a store that answers two per page, the thresholds they give and how many pages
   * they take to read.
   */
  static Stream<Arguments> parameterSets() {
    return Stream.of(
        Arguments.of("none", Map.of(), ValidationThresholds.DEFAULTS, 1),
        Arguments.of(
            "max-quantity only",
            Map.of(PATH + "max-quantity", "42"),
            ValidationThresholds.DEFAULTS.withMaxQuantity(new BigDecimal("42")),
            1),
        Arguments.of(
            "every one, over three pages",
            Map.of(
                PATH + "max-quantity", "250000",
                PATH + "max-notional", "1000000.50",
                PATH + "clock-skew-tolerance", "PT5S",
                PATH + "max-trade-age", "PT12H",
                PATH + "known-venues", " XLON , XETR "),
            new ValidationThresholds(
                new BigDecimal("250000"),
                new BigDecimal("1000000.50"),
                Duration.ofSeconds(5),
                Duration.ofHours(12),
                ValidationThresholds.venues("XLON", "XETR")),
            3),
        Arguments.of(
            "the recorder's, a nested one and another environment's",
            Map.of(
                PATH + "price-band-percent",
                "not for the validator",
                PATH + "archive/max-quantity",
                "garbage",
                "/trade-processing/prod/thresholds/max-quantity",
                "7"),
            ValidationThresholds.DEFAULTS,
            1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parameterSets")
  void current_parametersInTheStore_shouldOverrideTheDefaultsOfTheValidatorsDirectChildrenOnly(
      String description,
      Map<String, String> parameters,
      ValidationThresholds expected,
      int pages) {
    // GIVEN
    FakeSsmClient ssm = new FakeSsmClient(2);
    parameters.forEach(ssm::put);

    // WHEN
    ValidationThresholds thresholds = current(ssm);

    // THEN
    assertThat(thresholds).isEqualTo(expected);
    assertThat(ssm.requests())
        .hasSize(pages)
        .allSatisfy(
            request -> {
              assertThat(request.path()).isEqualTo("/trade-processing/dev/thresholds");
              assertThat(request.recursive()).isFalse();
            });
  }

  @Test
  void current_pathWithoutTrailingSlash_shouldReadTheSameParameters() {
    // GIVEN
    FakeSsmClient ssm = new FakeSsmClient(10).put(PATH + "max-trade-age", "P1D");
    SsmThresholdsSource source = new SsmThresholdsSource(ssm, "/trade-processing/dev/thresholds");

    // WHEN
    ValidationThresholds thresholds = source.current();

    // THEN
    assertThat(source.path()).isEqualTo(PATH);
    assertThat(thresholds.maxTradeAge()).isEqualTo(Duration.ofDays(1));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "max-quantity         | abc",
        "max-quantity         | -5",
        "max-quantity         | 0",
        "max-notional         | 1,000",
        "max-notional         | 50000000 USD",
        "clock-skew-tolerance | 30s",
        "clock-skew-tolerance | -PT1S",
        "max-trade-age        | PT0S",
        "max-trade-age        | P1M",
        "known-venues         | XNAS,",
        "known-venues         | xnas",
        "known-venues         | XNAS;XNYS",
      })
  void current_unparsableParameter_shouldFailNamingTheParameterAndValue(String name, String value) {
    // GIVEN
    FakeSsmClient ssm = new FakeSsmClient(10).put(PATH + name, value);
    SsmThresholdsSource source = new SsmThresholdsSource(ssm, PATH);

    // WHEN / THEN
    assertThatThrownBy(source::current)
        .isInstanceOf(InvalidThresholdException.class)
        .hasMessageContaining(PATH + name)
        .hasMessageContaining("'" + value + "'");
  }

  @Test
  void current_parameterStoreUnreachable_shouldFailAsUnavailable() {
    // GIVEN
    SdkClientException cause = SdkClientException.create("connection refused");
    FakeSsmClient ssm = new FakeSsmClient(10).failWith(cause);
    SsmThresholdsSource source = new SsmThresholdsSource(ssm, PATH);

    // WHEN / THEN
    assertThatThrownBy(source::current)
        .isInstanceOf(ThresholdsUnavailableException.class)
        .hasMessageContaining(PATH)
        .hasCause(cause);
  }

  @ParameterizedTest
  @CsvSource({"trade-processing/dev/thresholds/", "/", "''"})
  void constructor_notAHierarchy_shouldBeRejected(String path) {
    // GIVEN
    FakeSsmClient ssm = new FakeSsmClient(10);

    // WHEN / THEN
    assertThatThrownBy(() -> new SsmThresholdsSource(ssm, path))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The thresholds a source reading {@link #PATH} through {@code ssm} answers. */
  private static ValidationThresholds current(FakeSsmClient ssm) {
    return new SsmThresholdsSource(ssm, PATH).current();
  }
}
