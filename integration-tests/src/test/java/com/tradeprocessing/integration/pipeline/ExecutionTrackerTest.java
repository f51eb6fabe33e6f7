package com.tradeprocessing.integration.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

class ExecutionTrackerTest {

  private static final String STATE_MACHINE =
      "arn:aws:states:us-east-1:123456789012:stateMachine:trades";
  private static final Duration BOUND = Duration.ofSeconds(5);

  private final FakeStepFunctions stepFunctions = new FakeStepFunctions();
  private final ExecutionTracker tracker = new ExecutionTracker(stepFunctions, STATE_MACHINE);

  @Test
  void awaitFinished_executionsFinishingOverSeveralRefreshes_shouldDescribeEachOnceWhenFinished() {
    // GIVEN
    String first = stepFunctions.start("event-1");
    String second = stepFunctions.start("event-2");
    stepFunctions.finish(first, "SUCCEEDED", "{\"status\":\"ACCEPTED\"}");

    // WHEN
    Execution firstDone = tracker.awaitFinished("event-1", BOUND);
    tracker.refresh();
    tracker.refresh();
    stepFunctions.finish(second, "FAILED", null);
    Execution secondDone = tracker.awaitFinished("event-2", BOUND);

    // THEN
    assertThat(firstDone.succeeded()).isTrue();
    assertThat(firstDone.output())
        .hasValueSatisfying(
            output -> assertThat(output.path("status").asText()).isEqualTo("ACCEPTED"));
    assertThat(secondDone.status()).isEqualTo("FAILED");
    assertThat(stepFunctions.describes).containsOnly(Map.entry(first, 1), Map.entry(second, 1));
  }

  @Test
  void refresh_afterManyExecutions_shouldListOnlyUpToTheFirstPageHoldingAKnownOne() {
    // GIVEN 100 executions already seen
    for (int n = 0; n < 100; n++) {
      stepFunctions.start("event-" + n);
    }
    tracker.refresh();
    int pagesBefore = stepFunctions.unfilteredPages.get();

    // WHEN five more start
    for (int n = 100; n < 105; n++) {
      stepFunctions.start("event-" + n);
    }
    tracker.refresh();

    // THEN the first refresh listed every page, the second one page, and all are running
    assertThat(pagesBefore).isEqualTo(5);
    assertThat(stepFunctions.unfilteredPages.get() - pagesBefore).isEqualTo(1);
    assertThat(tracker.running()).isEqualTo(105);
  }

  @Test
  void isQuiet_untilEveryExecutionHasFinishedAndBeenDescribed_shouldBeFalse() {
    // GIVEN
    String only = stepFunctions.start("event-1");
    tracker.refresh();
    boolean whileRunning = tracker.isQuiet();

    // WHEN
    stepFunctions.finish(only, "SUCCEEDED", "{}");
    tracker.awaitFinished("event-1", BOUND);
    tracker.refresh();

    // THEN
    assertThat(whileRunning).isFalse();
    assertThat(tracker.isQuiet()).isTrue();
    assertThat(tracker.running()).isZero();
  }

  @Test
  void startedExecution_runningOrNone_shouldDescribeTheRunningOneAndFindNoneForAnUnroutedEvent() {
    // GIVEN
    stepFunctions.start("routed");

    // WHEN
    var running = tracker.startedExecution("routed");
    var unrouted = tracker.startedExecution("unrouted");

    // THEN
    assertThat(running).hasValueSatisfying(execution -> assertThat(execution.finished()).isFalse());
    assertThat(unrouted).isEmpty();
    assertThat(tracker.byEventId("routed")).isEmpty();
  }

  /**
   * ListExecutions and DescribeExecution as Step Functions answers them: newest first, paginated.
   */
  private static final class FakeStepFunctions implements SfnClient {

    private record Run(String arn, String eventId, Instant started, String status, String output) {}

    private final List<Run> runs = new ArrayList<>();

    /** Descriptions of finished executions, per execution. */
    private final Map<String, Integer> describes = new ConcurrentHashMap<>();

    private final AtomicInteger unfilteredPages = new AtomicInteger();

    synchronized String start(String eventId) {
      String arn = STATE_MACHINE.replace(":stateMachine:", ":execution:") + ":" + runs.size();
      runs.add(new Run(arn, eventId, Instant.EPOCH.plusSeconds(runs.size()), "RUNNING", null));
      return arn;
    }

    synchronized void finish(String arn, String status, String output) {
      for (int i = 0; i < runs.size(); i++) {
        Run run = runs.get(i);
        if (run.arn().equals(arn)) {
          runs.set(i, new Run(arn, run.eventId(), run.started(), status, output));
        }
      }
    }

    @Override
    public synchronized ListExecutionsResponse listExecutions(ListExecutionsRequest request) {
      if (request.statusFilter() == null) {
        unfilteredPages.incrementAndGet();
      }
      List<Run> matching =
          runs.stream()
              .filter(
                  run ->
                      request.statusFilter() == null
                          || run.status().equals(request.statusFilterAsString()))
              .sorted(Comparator.comparing(Run::started).reversed())
              .toList();
      int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
      int to = Math.min(matching.size(), from + request.maxResults());
      return ListExecutionsResponse.builder()
          .executions(
              matching.subList(from, to).stream()
                  .map(
                      run ->
                          ExecutionListItem.builder()
                              .executionArn(run.arn())
                              .status(ExecutionStatus.fromValue(run.status()))
                              .startDate(run.started())
                              .build())
                  .toList())
          .nextToken(to < matching.size() ? Integer.toString(to) : null)
          .build();
    }

    @Override
    public synchronized DescribeExecutionResponse describeExecution(
        DescribeExecutionRequest request) {
      Run run =
          runs.stream()
              .filter(candidate -> candidate.arn().equals(request.executionArn()))
              .findFirst()
              .orElseThrow(
                  () ->
                      ExecutionDoesNotExistException.builder()
                          .message("no " + request.executionArn())
                          .build());
      if (!run.status().equals("RUNNING")) {
        describes.merge(request.executionArn(), 1, Integer::sum);
      }
      return DescribeExecutionResponse.builder()
          .executionArn(run.arn())
          .status(run.status())
          .input("{\"id\":\"" + run.eventId() + "\"}")
          .output(run.output())
          .build();
    }

    @Override
    public String serviceName() {
      return "states";
    }

    @Override
    public void close() {}
  }
}
