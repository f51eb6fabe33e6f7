package com.tradeprocessing.cli.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradeprocessing.cli.TradesException;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeArchiveResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/** The environment's trade bus and its archive: publishing an event again, replaying a window. */
public final class TradeBus {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventBridgeClient events;
  private final String busName;
  private final String archiveName;
  private final String where;

  /** A replay's state as DescribeReplay answers it. */
  public record ReplayState(
      String state, String reason, Instant lastReplayed, Instant from, Instant to) {
    public boolean ended() {
      return "COMPLETED".equals(state) || "FAILED".equals(state) || "CANCELLED".equals(state);
    }
  }

  public TradeBus(EventBridgeClient events, String busName, String archiveName, String where) {
    this.events = events;
    this.busName = busName;
    this.archiveName = archiveName;
    this.where = where;
  }

  /**
   * Puts the event's source, detail type and detail on the bus again (EventBridge gives it a new id
   * and time) and answers the new event id, or the entry's error.
   */
  public Published publish(JsonNode event) {
    String detail;
    try {
      JsonNode value = event.path("detail");
      detail = value.isTextual() ? value.asText() : JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
    PutEventsRequestEntry entry =
        PutEventsRequestEntry.builder()
            .eventBusName(busName)
            .source(event.path("source").asText(null))
            .detailType(event.path("detail-type").asText(null))
            .detail(detail)
            .build();
    PutEventsResultEntry result;
    try {
      result = events.putEvents(request -> request.entries(entry)).entries().get(0);
    } catch (ResourceNotFoundException e) {
      throw new TradesException(
          "no event bus " + busName + " at " + where + ": check --env and --region", e);
    }
    return result.eventId() != null
        ? new Published(Optional.of(result.eventId()), Optional.empty())
        : new Published(
            Optional.empty(), Optional.of(result.errorCode() + ": " + result.errorMessage()));
  }

  /** What PutEvents answered for one entry: its event id, or its error. */
  public record Published(Optional<String> eventId, Optional<String> error) {}

  /**
   * Starts a replay of the archive's events of {@code [from, to]} to the bus the archive records
   * (the trade bus).
   */
  public String startReplay(String replayName, Instant from, Instant to) {
    DescribeArchiveResponse archive;
    try {
      archive = events.describeArchive(request -> request.archiveName(archiveName));
    } catch (ResourceNotFoundException e) {
      throw new TradesException(
          "no archive " + archiveName + " at " + where + ": check --env and --region", e);
    }
    events.startReplay(
        request ->
            request
                .replayName(replayName)
                .eventSourceArn(archive.archiveArn())
                .eventStartTime(from)
                .eventEndTime(to)
                .destination(destination -> destination.arn(archive.eventSourceArn())));
    return replayName;
  }

  public ReplayState describeReplay(String replayName) {
    DescribeReplayResponse replay =
        events.describeReplay(request -> request.replayName(replayName));
    return new ReplayState(
        replay.stateAsString(),
        replay.stateReason(),
        replay.eventLastReplayedTime(),
        replay.eventStartTime(),
        replay.eventEndTime());
  }
}
