package com.tradeprocessing.enricher;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.tradeprocessing.enricher.config.EnricherWiring;
import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.StageHandler;
import com.tradeprocessing.function.logging.LogContext;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.event.StageInput;
import com.tradeprocessing.model.event.TradeEvent;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.model.source.Adaptation;
import com.tradeprocessing.model.source.SourceAdapters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrich stage of the trade state machine: reads the EventBridge event (with the execution id
 * when the state machine invokes it), maps its payload to the canonical trade, enriches it and
 * writes the enricher output of {@code docs/stage-contracts.md}. A payload that is not a trade is
 * answered {@code NOT_A_TRADE} without calling the reference-data API. Reference-data faults are
 * thrown: the state machine retries {@link ReferenceDataUnavailableException} and dead-letters the
 * rest.
 */
public final class EnrichTradeHandler extends StageHandler {

  private static final Logger LOG = LoggerFactory.getLogger(EnrichTradeHandler.class);

  private final TradeEnricher enricher;

  /** Production wiring ({@link EnricherWiring}), built once per container by the Lambda runtime. */
  public EnrichTradeHandler() {
    this(EnricherWiring.fromEnvironment(FunctionEnvironment.system()).enricher());
  }

  public EnrichTradeHandler(TradeEnricher enricher) {
    this.enricher = Objects.requireNonNull(enricher, "enricher");
  }

  @Override
  protected void handle(InputStream input, OutputStream output) throws IOException {
    // Input that is not JSON is read as an empty event, which is answered NOT_A_TRADE while the
    // validator rejects it as MALFORMED_PAYLOAD.
    TradeEvent event = StageInput.readEvent(input, this::inputNotJson, LogContext::put);
    Adaptation adaptation = SourceAdapters.adapt(event.source(), event.detail());
    Optional<Trade> trade = adaptation.trade();
    Enrichment enrichment = trade.isPresent() ? enrich(trade.get()) : notATrade(event, adaptation);
    TradeJson.mapper().writeValue(output, enrichment);
  }

  private Enrichment enrich(Trade trade) {
    LogContext.put("tradeId", trade.tradeId().value());
    LogContext.put("sourceTradeId", trade.sourceTradeId());
    Enrichment enrichment;
    try {
      enrichment = enricher.enrich(trade);
    } catch (RuntimeException e) {
      LOG.error(
          "reference data could not be read; the stage fails with this error type",
          entry("errorType", e.getClass().getName()),
          e);
      throw e;
    }
    LOG.info(
        "trade enriched",
        entry("status", enrichment.status()),
        entry("isin", trade.isin().value()),
        entry("venue", trade.venue().value()),
        entry("venueKnown", enrichment.venue().known()),
        entry("marketSession", enrichment.marketSession()),
        entry("settlementDateDiffers", enrichment.settlementDateDiffers()),
        entry("priceDeviationPercent", enrichment.priceDeviationPercent()));
    return enrichment;
  }

  private static Enrichment notATrade(TradeEvent event, Adaptation adaptation) {
    LOG.info(
        "payload is not a trade; not enriched (the validator reports why)",
        entry("source", event.source()),
        entry("reasonCodes", adaptation.problems().stream().map(ValidationProblem::code).toList()));
    return Enrichment.notATrade();
  }
}
