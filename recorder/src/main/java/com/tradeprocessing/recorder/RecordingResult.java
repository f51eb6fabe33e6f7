package com.tradeprocessing.recorder;

import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.Require;
import com.tradeprocessing.recorder.decision.TradeStatus;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of recording one event, immutable. For a replay it is the outcome of the first
 * recording, with {@code replayed} set.
 *
 * @param tradeId the key of the record that holds the outcome
 * @param status the final status
 * @param reasonCodes why the trade is rejected, in decision order
 * @param replayed whether the event had been recorded before
 * @param recordedAt when the record was first written
 */
public record RecordingResult(
    String tradeId,
    TradeStatus status,
    List<ReasonCode> reasonCodes,
    boolean replayed,
    Instant recordedAt) {

  public RecordingResult {
    Require.nonNull("tradeId status recordedAt", tradeId, status, recordedAt);
    reasonCodes = List.copyOf(reasonCodes);
  }
}
