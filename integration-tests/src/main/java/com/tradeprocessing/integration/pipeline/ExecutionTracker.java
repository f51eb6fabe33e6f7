package com.tradeprocessing.integration.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

/**
 * Finds the executions of the trade state machine by the event they process (EventBridge starts
 * them with the event as input, so the input's {@code id} is the PutEvents event id), and waits for
 * them to finish.
 *
 * <p>A refresh costs the same however many executions there are: ListExecutions lists the newest
 * first, so listing stops at the first page holding an execution already seen (everything older was
 * listed before); the running ones come from one listing filtered on RUNNING; and each execution is
 * described once, when it has finished and its input, output and error are final, by a few threads
 * beside the caller. Only {@link #startedExecution} describes executions still running.
 */
public final class ExecutionTracker {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  /** About two PutEvents batches: a refresh normally finds fewer new executions. */
  private static final int PAGE_SIZE = 20;

  private static final int DESCRIBERS = 4;

  private final SfnClient stepFunctions;
  private final String stateMachineArn;

  /** Lenient about Infinity and NaN, which moto writes for numbers beyond a double. */
  private final ObjectMapper json =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /** Every execution listed so far, finished or not. */
  private final Set<String> seen = new LinkedHashSet<>();

  private final Map<String, Execution> finishedByArn = new ConcurrentHashMap<>();
  private final Map<String, Execution> finishedByEventId = new ConcurrentHashMap<>();
  private Set<String> running = Set.of();

  /** Finished executions being described. */
  private final Set<String> describing = ConcurrentHashMap.newKeySet();

  /**
   * Descriptions run beside the caller, a few at a time, so that waiting for executions costs two
   * listings per refresh and not one round trip per finished execution.
   */
  private final Executor describers =
      Executors.newFixedThreadPool(
          DESCRIBERS, Thread.ofPlatform().daemon().name("describe-execution-", 1).factory());

  public ExecutionTracker(SfnClient stepFunctions, String stateMachineArn) {
    this.stepFunctions = stepFunctions;
    this.stateMachineArn = stateMachineArn;
  }

  /**
   * Lists the new and the running executions and starts describing the newly finished ones; a
   * finished execution is found by {@link #byEventId} once its description has arrived.
   */
  public synchronized void refresh() {
    listNew();
    Set<String> runningNow = listRunning();
    // Started between the two listings: new, and running.
    seen.addAll(runningNow);
    for (String arn : seen) {
      // RUNNING only ever changes to a final status, so one not running now has finished.
      if (!finishedByArn.containsKey(arn) && !runningNow.contains(arn) && describing.add(arn)) {
        CompletableFuture.supplyAsync(() -> describe(arn), describers)
            .whenComplete(
                (execution, failure) -> {
                  if (execution != null && execution.finished()) {
                    finishedByArn.put(arn, execution);
                    if (execution.eventId() != null) {
                      finishedByEventId.put(execution.eventId(), execution);
                    }
                  }
                  // A failed description is tried again at the next refresh.
                  describing.remove(arn);
                });
      }
    }
    running = runningNow;
  }

  /** The finished execution of the event, once its description has arrived. */
  public Optional<Execution> byEventId(String eventId) {
    return Optional.ofNullable(finishedByEventId.get(eventId));
  }

  /** Executions running at the last refresh. */
  public synchronized int running() {
    return running.size();
  }

  /**
   * Whether, at the last refresh, nothing ran and every execution was described: an event whose
   * execution is not among the finished ones then started none.
   */
  public synchronized boolean isQuiet() {
    return running.isEmpty() && describing.isEmpty() && finishedByArn.size() == seen.size();
  }

  /**
   * The execution the event started, running or finished, described now; empty when it started none
   * (the embedded EventBridge starts executions inside PutEvents).
   */
  public synchronized Optional<Execution> startedExecution(String eventId) {
    refresh();
    Optional<Execution> finished = byEventId(eventId);
    if (finished.isPresent()) {
      return finished;
    }
    return seen.stream()
        .filter(arn -> !finishedByArn.containsKey(arn))
        .map(this::describe)
        .filter(execution -> eventId.equals(execution.eventId()))
        .findFirst();
  }

  /** Blocks while {@code limit} or more executions run (bounded by {@code timeout}). */
  public void awaitRunningBelow(int limit, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    refresh();
    while (running() >= limit) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            limit + " or more executions still running after " + timeout);
      }
      pause();
      refresh();
    }
  }

  /**
   * Waits until the execution of {@code eventId} exists and has finished.
   *
   * @throws IllegalStateException when it does not within {@code timeout}
   */
  public Execution awaitFinished(String eventId, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      refresh();
      Execution execution = finishedByEventId.get(eventId);
      if (execution != null) {
        return execution;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            startedExecution(eventId)
                .map(
                    started ->
                        "execution "
                            + started.arn()
                            + " still "
                            + started.status()
                            + " after "
                            + timeout)
                .orElse("no execution started for event " + eventId + " within " + timeout));
      }
      pause();
    }
  }

  /**
   * Waits until every execution seen has finished and the count of executions no longer grows;
   * {@code progress} gets (finished, seen) after each poll.
   */
  public void awaitQuiet(Duration timeout, Consumer<long[]> progress) {
    Instant deadline = Instant.now().plus(timeout);
    int stableRounds = 0;
    long lastCount = -1;
    while (true) {
      refresh();
      long count;
      long finished;
      synchronized (this) {
        count = seen.size();
        finished = finishedByArn.size();
      }
      progress.accept(new long[] {finished, count});
      stableRounds = isQuiet() && count == lastCount ? stableRounds + 1 : 0;
      lastCount = count;
      if (stableRounds >= 2) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            (count - finished) + " executions still running after " + timeout);
      }
      pause();
    }
  }

  /** Adds the executions started since the last listing to {@link #seen}. */
  private void listNew() {
    String nextToken = null;
    do {
      String token = nextToken;
      ListExecutionsResponse page =
          stepFunctions.listExecutions(
              request ->
                  request.stateMachineArn(stateMachineArn).maxResults(PAGE_SIZE).nextToken(token));
      boolean reachedSeen = false;
      for (ExecutionListItem item : page.executions()) {
        reachedSeen |= !seen.add(item.executionArn());
      }
      nextToken = reachedSeen ? null : page.nextToken();
    } while (nextToken != null);
  }

  private Set<String> listRunning() {
    Set<String> arns = new HashSet<>();
    for (ExecutionListItem item :
        stepFunctions
            .listExecutionsPaginator(
                request ->
                    request
                        .stateMachineArn(stateMachineArn)
                        .statusFilter(ExecutionStatus.RUNNING)
                        .maxResults(1000))
            .executions()) {
      arns.add(item.executionArn());
    }
    return arns;
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
    try {
      Thread.sleep(POLL_INTERVAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for executions", e);
    }
  }
}
