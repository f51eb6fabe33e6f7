package com.tradeprocessing.integration.runlocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

  @Test
  void render_outcomesOfEveryStatus_shouldCountEachStatusReasonAndQueueButNotBlankLines() {
    // GIVEN
    List<EventOutcome> outcomes =
        List.of(
            new EventOutcome(1, "trading.oms", "A", "TRD-a", "ACCEPTED", List.of(), false),
            new EventOutcome(2, "trading.oms", "A", "TRD-a", "ACCEPTED", List.of(), true),
            new EventOutcome(
                3,
                "trading.oms",
                "B",
                "TRD-b",
                "REJECTED",
                List.of("INVALID_ISIN", "STALE_TRADE"),
                false),
            new EventOutcome(
                4,
                "trading.prime-broker",
                "C",
                "TRD-c",
                "REJECTED",
                List.of("INVALID_ISIN"),
                false),
            new EventOutcome(
                5,
                "trading.prime-broker",
                "D",
                "TRD-d",
                "FAILED",
                List.of("States.Timeout"),
                false),
            new EventOutcome(6, "trading.unknown", null, null, "UNROUTED", List.of(), false),
            new EventOutcome(
                7,
                "trading.oms",
                null,
                null,
                "REFUSED_BY_EVENTBRIDGE",
                List.of("Detail is required"),
                false),
            new EventOutcome(
                8,
                null,
                null,
                null,
                "REFUSED_BY_EVENTBRIDGE",
                List.of("Source is required"),
                false),
            new EventOutcome(9, null, null, null, "MALFORMED", List.of("not JSON: oops"), false),
            new EventOutcome(10, null, null, null, "BLANK", List.of(), false));
    Map<String, Integer> queues = new LinkedHashMap<>();
    queues.put("sqs-recorder-dlq-local", 1);

    // WHEN
    String summary = Summary.render(outcomes, queues);

    // THEN: lines, accepted, rejected, failed, unrouted, refused, malformed, replayed
    assertThat(summary)
        .contains("lines  accepted  rejected  failed  unrouted  refused  malformed  replayed");
    assertThat(summary).containsPattern("trading\\.oms +4 +2 +1 +0 +0 +1 +0 +1\n");
    assertThat(summary).containsPattern("trading\\.prime-broker +2 +0 +1 +1 +0 +0 +0 +0\n");
    assertThat(summary).containsPattern("trading\\.unknown +1 +0 +0 +0 +1 +0 +0 +0\n");
    assertThat(summary)
        .containsPattern(
            "\\(no source\\) +2 +0 +0 +0 +0 +1 +1 +0\ntotal +9 +2 +2 +1 +1 +2 +1 +1\n");
    assertThat(summary).containsPattern("INVALID_ISIN +1 +1\n");
    assertThat(summary).containsPattern("STALE_TRADE +1 +0\n");
    assertThat(summary)
        .contains("refused by EventBridge\n  1  Detail is required\n  1  Source is required\n");
    assertThat(summary).contains("malformed lines\n  1  not JSON: oops\n");
    assertThat(summary).contains("1  States.Timeout");
    assertThat(summary).containsPattern("sqs-recorder-dlq-local +1\n");
  }
}
