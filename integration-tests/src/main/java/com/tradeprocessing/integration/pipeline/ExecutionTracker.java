package com.tradeprocessing.integration.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Finds the executions of the trade state machine by the event they process (EventBridge starts
 * them with the event as input, so the input's {@code id} is the PutEvents event id), and waits for
 * them to finish. Each execution is described when first seen and once more when it has finished.
 */
public final class ExecutionTracker {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final SfnClient stepFunctions;
  private final String stateMachineArn;
  /** Lenient about Infinity and NaN, which moto writes for numbers beyond a double. */
  private final ObjectMapper json =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  private final Map<String, Execution> byArn = new ConcurrentHashMap<>();
  private final Map<String, Execution> byEventId = new ConcurrentHashMap<>();

  public ExecutionTracker(SfnClient stepFunctions, String stateMachineArn) {
    this.stepFunctions = stepFunctions;
    this.stateMachineArn = stateMachineArn;
  }

  /** Lists the executions and describes the new and the newly finished ones. */
  public synchronized void refresh() {
    for (ExecutionListItem item :
        stepFunctions
            .listExecutionsPaginator(request -> request.stateMachineArn(stateMachineArn).maxResults(1000))
            .executions()) {
      Execution known = byArn.get(item.executionArn());
      if (known == null
          || (!known.finished() && item.status() != ExecutionStatus.RUNNING)) {
        Execution execution = describe(item.executionArn());
        byArn.put(execution.arn(), execution);
        if (execution.eventId() != null) {
          byEventId.put(execution.eventId(), execution);
        }
      }
    }
  }

  /** Executions of the state machine running now, from one listing (nothing is described). */
  public int runningNow() {
    int running = 0;
    for (ExecutionListItem ignored :
        stepFunctions
            .listExecutionsPaginator(
                request ->
                    request
                        .stateMachineArn(stateMachineArn)
                        .statusFilter(ExecutionStatus.RUNNING)
                        .maxResults(1000))
            .executions()) {
      running++;
    }
    return running;
  }

  /** Blocks while {@code limit} or more executions run (bounded by {@code timeout}). */
  public void awaitRunningBelow(int limit, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (runningNow() >= limit) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(limit + " or more executions still running after " + timeout);
      }
      pause(Duration.ofMillis(50));
    }
  }

  public Optional<Execution> byEventId(String eventId) {
    return Optional.ofNullable(byEventId.get(eventId));
  }

  public Collection<Execution> all() {
    return List.copyOf(byArn.values());
  }

  /** Executions still running among those seen. */
  public long running() {
    return byArn.values().stream().filter(execution -> !execution.finished()).count();
  }

  /**
   * Waits until the execution of {@code eventId} exists and has finished.
   *
   * @throws IllegalStateException when it does not within {@code timeout}
   */
  public Execution awaitFinished(String eventId, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Execution execution = byEventId.get(eventId);
      if (execution != null && execution.finished()) {
        return execution;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            execution == null
                ? "no execution started for event " + eventId + " within " + timeout
                : "execution " + execution.arn() + " still " + execution.status() + " after " + timeout);
      }
      pause();
      refresh();
    }
  }

  /**
   * Waits until the execution of {@code eventId} has finished, if the event started one; an event
   * that started none by now is taken as matching no rule (the embedded EventBridge starts
   * executions inside PutEvents).
   */
  public void awaitFinishedIfStarted(String eventId, Duration timeout) {
    refresh();
    if (byEventId.containsKey(eventId)) {
      awaitFinished(eventId, timeout);
    }
  }

  /**
   * Waits until every execution seen has finished and the count of executions no longer grows;
   * {@code progress} gets (finished, seen) after each poll.
   */
  public void awaitQuiet(Duration timeout, Consumer<long[]> progress) {
    Instant deadline = Instant.now().plus(timeout);
    int stableRounds = 0;
    int lastCount = -1;
    while (true) {
      refresh();
      int count = byArn.size();
      long running = running();
      progress.accept(new long[] {count - running, count});
      stableRounds = running == 0 && count == lastCount ? stableRounds + 1 : 0;
      lastCount = count;
      if (stableRounds >= 2) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(running + " executions still running after " + timeout);
      }
      pause();
    }
  }

  private Execution describe(String arn) {
    DescribeExecutionResponse response =
        stepFunctions.describeExecution(request -> request.executionArn(arn));
    JsonNode input = parse(response.input());
    String eventId = input.path("id").isTextual() ? input.path("id").asText() : null;
    return new Execution(
        arn,
        eventId,
        response.statusAsString(),
        input,
        Optional.ofNullable(response.output()).map(this::parse),
        Optional.ofNullable(response.error()),
        Optional.ofNullable(response.cause()));
  }

  private JsonNode parse(String text) {
    try {
      return text == null ? json.missingNode() : json.readTree(text);
    } catch (JsonProcessingException e) {
      return json.missingNode();
    }
  }

  private static void pause() {
    pause(POLL_INTERVAL);
  }

  private static void pause(Duration interval) {
    try {
      Thread.sleep(interval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for executions", e);
    }
  }
}
