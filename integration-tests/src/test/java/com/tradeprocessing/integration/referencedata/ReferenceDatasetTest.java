package com.tradeprocessing.integration.referencedata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.Isin;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceDatasetTest {

  private final ReferenceDataset dataset = ReferenceDataset.shipped();

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "US0378331005, AAPL, XNAS, USD, 190.00",
    "US5949181045, MSFT, XNAS, USD, 415.00",
    "US4592001014, IBM,  XNYS, USD, 220.00",
    "US46625H1005, JPM,  XNYS, USD, 240.00",
    "US88160R1014, TSLA, XNAS, USD, 250.00",
    "GB00BH4HKS39, VOD,  XLON, GBP, 0.70",
    "GB0031348658, BARC, XLON, GBP, 2.50",
    "DE0007164600, SAP,  XETR, EUR, 230.00",
    "NL0010273215, ASML, XAMS, EUR, 650.00",
  })
  void instrument_requiredByThePlatform_shouldBeShippedWithItsListingAndPrice(
      String isin, String symbol, String mic, String currency, String price) {
    // WHEN
    JsonNode instrument = dataset.instrument(isin).orElseThrow();

    // THEN
    assertThat(instrument.path("symbol").asText()).isEqualTo(symbol);
    assertThat(instrument.path("mic").asText()).isEqualTo(mic);
    assertThat(instrument.path("currency").asText()).isEqualTo(currency);
    assertThat(instrument.path("referencePrice").isTextual()).isTrue();
    assertThat(instrument.path("referencePrice").asText()).isEqualTo(price);
  }

  @Test
  void instruments_everyOne_shouldFollowTheApiContract() {
    // GIVEN
    List<JsonNode> instruments = new ArrayList<>(dataset.instruments().values());

    // THEN
    assertThat(instruments).isNotEmpty();
    for (JsonNode instrument : instruments) {
      String isin = instrument.path("isin").asText();
      assertThat(Isin.parse(isin).value()).as("check digit of %s", isin).isEqualTo(isin);
      assertThat(instrument.path("name").asText()).isNotBlank();
      assertThat(instrument.path("assetClass").asText()).isNotBlank();
      assertThat(instrument.path("lotSize").isInt()).isTrue();
      assertThat(instrument.path("lotSize").asInt()).isPositive();
      assertThat(LocalDate.parse(instrument.path("referencePriceAsOf").asText())).isNotNull();
      assertThat(dataset.venue(instrument.path("mic").asText()))
          .as("venue of %s", isin)
          .isPresent();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "XNAS, America/New_York, 09:30, 16:00, 2026-11-26",
    "XNYS, America/New_York, 09:30, 16:00, 2027-07-05",
    "XLON, Europe/London,    08:00, 16:30, 2026-12-28",
    "XETR, Europe/Berlin,    09:00, 17:30, 2026-12-24",
    "XAMS, Europe/Amsterdam, 09:00, 17:30, 2027-03-29",
  })
  void venue_ofThePlatform_shouldHaveItsZoneHoursAndHolidaysOf2026And2027(
      String mic, String zone, String open, String close, String knownHoliday) {
    // WHEN
    JsonNode venue = dataset.venue(mic).orElseThrow();

    // THEN
    assertThat(ZoneId.of(venue.path("timeZone").asText())).isEqualTo(ZoneId.of(zone));
    assertThat(LocalTime.parse(venue.path("regularOpen").asText()))
        .isEqualTo(LocalTime.parse(open));
    assertThat(LocalTime.parse(venue.path("regularClose").asText()))
        .isEqualTo(LocalTime.parse(close));
    List<LocalDate> holidays = new ArrayList<>();
    venue.path("holidays").forEach(day -> holidays.add(LocalDate.parse(day.asText())));
    assertThat(holidays).contains(LocalDate.parse(knownHoliday));
    assertThat(holidays)
        .anyMatch(day -> day.getYear() == 2026)
        .anyMatch(day -> day.getYear() == 2027);
    assertThat(holidays).contains(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1));
    assertThat(holidays)
        .allMatch(
            day ->
                day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY);
    assertThat(holidays).isSorted().doesNotHaveDuplicates();
  }
}
