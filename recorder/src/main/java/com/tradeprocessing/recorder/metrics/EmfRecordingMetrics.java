package com.tradeprocessing.recorder.metrics;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.recorder.record.RecordKind;
import com.tradeprocessing.recorder.record.RecordingMetrics;
import com.tradeprocessing.recorder.record.TradeRecord;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Recording metrics as CloudWatch Embedded Metric Format documents on stdout, through the
 * Powertools Metrics functional API; CloudWatch Logs turns them into metrics, so no CloudWatch API
 * call is made. All counts carry the {@code Service} dimension:
 *
 * <ul>
 *   <li>{@code Accepted}, {@code Rejected}: new records by status.
 *   <li>{@code Rejected} with the extra dimension {@code ReasonCode}: once per reason code of a new
 *       rejected record.
 *   <li>{@code Duplicate}: new DUPLICATE_TRADE records.
 *   <li>{@code Replayed}: events recorded before (they add no record, so no status count).
 * </ul>
 *
 * The request's own metrics context is flushed once per call, which also drops Powertools'
 * per-request state. A metrics failure is logged and never fails a recording that already happened.
 */
public final class EmfRecordingMetrics implements RecordingMetrics {

  public static final String DEFAULT_NAMESPACE = "TradeProcessing";
  public static final String ACCEPTED = "Accepted";
  public static final String REJECTED = "Rejected";
  public static final String DUPLICATE = "Duplicate";
  public static final String REPLAYED = "Replayed";
  public static final String REASON_CODE_DIMENSION = "ReasonCode";

  private static final Logger LOG = LoggerFactory.getLogger(EmfRecordingMetrics.class);

  private final Metrics metrics;

  public EmfRecordingMetrics(Metrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Configures the Powertools metrics instance with the namespace and the Service dimension. */
  public static EmfRecordingMetrics create(String namespace, String service) {
    return new EmfRecordingMetrics(
        MetricsBuilder.builder().withNamespace(namespace).withService(service).build());
  }

  @Override
  public void recorded(TradeRecord record) {
    emit(
        record,
        () -> {
          if (record.reasonCodes().isEmpty()) {
            count(ACCEPTED);
          } else {
            count(REJECTED);
            for (ReasonCode code : record.reasonCodes()) {
              // One document per reason code, as a document holds one value per dimension. Its
              // only dimension set is {Service, ReasonCode}: adding ReasonCode to the inherited
              // {Service} set instead would count the rejection under {Service} a second time.
              DimensionSet dimensions =
                  DimensionSet.of(metrics.getDefaultDimensions().getDimensions());
              dimensions.addDimension(REASON_CODE_DIMENSION, code.name());
              metrics.flushMetrics(
                  byReason -> {
                    byReason.setDefaultDimensions(dimensions);
                    byReason.addMetric(REJECTED, 1, MetricUnit.COUNT);
                  });
            }
          }
          if (record.kind() == RecordKind.DUPLICATE) {
            count(DUPLICATE);
          }
        });
  }

  @Override
  public void replayed(TradeRecord existing) {
    emit(existing, () -> count(REPLAYED));
  }

  private void count(String name) {
    metrics.addMetric(name, 1, MetricUnit.COUNT);
  }

  private void emit(TradeRecord record, Runnable counts) {
    try {
      counts.run();
      metrics.addMetadata("tradeId", record.tradeId());
      metrics.addMetadata("executionId", record.executionId());
      metrics.flush();
    } catch (RuntimeException e) {
      LOG.warn("Could not emit recording metrics for {}", record.tradeId(), e);
    }
  }
}
