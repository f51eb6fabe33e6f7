package com.tradeprocessing.benchmarks.domain;

import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.fixtures.EventFixtures;
import com.tradeprocessing.validator.TradeValidator;
import com.tradeprocessing.validator.ValidationResult;
import com.tradeprocessing.validator.thresholds.ValidationThresholds;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The validator's whole decision for one event: adapter, detail-type check and every rule, against
 * the documented default thresholds (the SSM read is cached in the function, so not part of it).
 */
public class TradeValidatorBenchmark extends DomainBenchmark {

  /** A valid event, and one rejected with several reason codes (every problem is reported). */
  @Param({"oms_valid", "oms_multiple-problems"})
  public String fixture;

  private TradeValidator validator;
  private TradeEvent event;

  @Setup(Level.Trial)
  public void prepare() {
    event = EventFixtures.tradeEvent(fixture);
    // A minute after the fixture's trade time, so the time rules pass as in production.
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T14:31:00Z"), ZoneOffset.UTC);
    validator = new TradeValidator(() -> ValidationThresholds.DEFAULTS, clock);
    boolean valid = validator.validate(event).isValid();
    if (valid != fixture.endsWith("_valid")) {
      throw new IllegalStateException(fixture + " validated as " + (valid ? "valid" : "rejected"));
    }
  }

  @Benchmark
  public ValidationResult validate() {
    return validator.validate(event);
  }
}
