package com.tradeprocessing.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradeprocessing.integration.pipeline.BusEvent;
import com.tradeprocessing.integration.pipeline.Execution;
import com.tradeprocessing.integration.pipeline.ExecutionTracker;
import com.tradeprocessing.integration.pipeline.PublishResult;
import com.tradeprocessing.integration.pipeline.TradeEventBus;
import com.tradeprocessing.integration.platform.LocalPlatform;
import com.tradeprocessing.integration.provision.Deployment;
import com.tradeprocessing.integration.referencedata.ReferenceDataServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The pipeline as the tests drive it: publish events, follow executions, read records and queues.
 */
public final class Pipeline implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  static final Duration EXECUTION_TIMEOUT = Duration.ofSeconds(90);

  /** Lenient about Infinity and NaN, which moto writes for numbers beyond a double. */
  private static final ObjectMapper JSON =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private final LocalPlatform platform;
  private final TradeEventBus bus;
  private final ExecutionTracker executions;

  Pipeline(LocalPlatform platform) {
    this.platform = platform;
    this.bus =
        new TradeEventBus(platform.clients().eventBridge(), platform.deployment().eventBusName());
    this.executions =
        new ExecutionTracker(
            platform.clients().stepFunctions(), platform.deployment().stateMachineArn());
  }

  LocalPlatform platform() {
    return platform;
  }

  Deployment deployment() {
    return platform.deployment();
  }

  ReferenceDataServer referenceData() {
    return platform.referenceData();
  }

  /** Publishes the event's source, detail-type and detail; returns the event id. */
  String publish(JsonNode event) {
    PublishResult result =
        bus.publish(
            new BusEvent(
                event.path("source").asText(),
                event.path("detail-type").asText(),
                event.path("detail").isTextual()
                    ? event.path("detail").asText()
                    : event.path("detail").toString()));
    return result
        .eventId()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "PutEvents refused the event: "
                        + result.errorCode()
                        + " "
                        + result.errorMessage()));
  }

  /** The finished execution of the event, waited for with a bound. */
  Execution awaitExecution(String eventId) {
    return executions.awaitFinished(eventId, EXECUTION_TIMEOUT);
  }

  /** Publishes the event and waits for its execution to finish. */
  Execution process(JsonNode event) {
    return awaitExecution(publish(event));
  }

  /** The execution of the event if one has started (no waiting). */
  Optional<Execution> executionOf(String eventId) {
    return executions.startedExecution(eventId);
  }

  /** The record under {@code tradeId}, read consistently. */
  Optional<Map<String, AttributeValue>> record(String tradeId) {
    Map<String, AttributeValue> item =
        platform
            .clients()
            .dynamoDb()
            .getItem(
                request ->
                    request
                        .tableName(deployment().tableName())
                        .consistentRead(true)
                        .key(Map.of("tradeId", AttributeValue.fromS(tradeId))))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  /** Every record whose key starts with {@code tradeId} (the trade and its duplicates). */
  List<Map<String, AttributeValue>> recordsOf(String tradeId) {
    List<Map<String, AttributeValue>> records = new ArrayList<>();
    platform
        .clients()
        .dynamoDb()
        .scanPaginator(
            request ->
                request
                    .tableName(deployment().tableName())
                    .consistentRead(true)
                    .filterExpression("begins_with(tradeId, :id)")
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(tradeId))))
        .items()
        .forEach(records::add);
    return records;
  }

  /**
   * Waits (bounded) for the message of {@code executionArn} in the dead-letter queue {@code
   * queueLogicalId} and returns its body; messages of other executions are left in the queue.
   */
  JsonNode awaitDeadLetter(String queueLogicalId, String executionArn) {
    return awaitMessage(
        queueLogicalId,
        body -> executionArn.equals(body.path("executionId").asText()),
        "message of " + executionArn);
  }

  /**
   * Waits (bounded) for the status change of {@code executionArn} in the executions dead-letter
   * queue, where the catch-all rule sends every execution that ended FAILED, TIMED_OUT or ABORTED.
   */
  JsonNode awaitLostExecution(String executionArn) {
    return awaitMessage(
        "ExecutionDeadLetterQueue",
        body -> executionArn.equals(body.path("detail").path("executionArn").asText()),
        "status change of " + executionArn);
  }

  /** Stops a running execution, as an operator does (StopExecution). */
  void stop(String executionArn, String error, String cause) {
    platform
        .clients()
        .stepFunctions()
        .stopExecution(request -> request.executionArn(executionArn).error(error).cause(cause));
  }

  /**
   * Up to ten messages of the queue, waiting for the first up to the wait, hidden from other
   * receivers for the visibility timeout (0: left visible).
   */
  static List<Message> receive(
      SqsClient sqs, String url, int waitSeconds, int visibilityTimeoutSeconds) {
    return sqs.receiveMessage(
            request ->
                request
                    .queueUrl(url)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(waitSeconds)
                    .visibilityTimeout(visibilityTimeoutSeconds))
        .messages();
  }

  private JsonNode awaitMessage(
      String queueLogicalId, java.util.function.Predicate<JsonNode> wanted, String what) {
    String url = deployment().queueUrl(queueLogicalId);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      List<Message> messages = receive(platform.clients().sqs(), url, 1, 0);
      for (Message message : messages) {
        JsonNode body = parse(message.body());
        if (wanted.test(body)) {
          platform
              .clients()
              .sqs()
              .deleteMessage(
                  request -> request.queueUrl(url).receiptHandle(message.receiptHandle()));
          return body;
        }
      }
    }
    throw new IllegalStateException("no " + what + " in " + queueLogicalId + " within 30 s");
  }

  /** The execution's history, oldest event first. */
  List<HistoryEvent> history(String executionArn) {
    List<HistoryEvent> events = new ArrayList<>();
    platform
        .clients()
        .stepFunctions()
        .getExecutionHistoryPaginator(request -> request.executionArn(executionArn))
        .events()
        .forEach(events::add);
    return events;
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  @Override
  public void close() {
    platform.close();
  }
}
