package com.tradeprocessing.integration.runlocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.integration.lambda.InvocationReport;
import com.tradeprocessing.integration.platform.LocalPlatform;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The raw measurements of a run that {@code make cost} prices (tools/cost): read back from the
 * emulator while the platform still runs, and written to a directory as
 *
 * <ul>
 *   <li>{@code executions.jsonl}: every execution of the state machine with its whole history
 *       ({@code GetExecutionHistory}, every page), one execution a line;
 *   <li>{@code items.jsonl}: every item of the trades table in DynamoDB's typed JSON ({@code
 *       {"name": {"S": ...}}}), one item a line;
 *   <li>{@code invocations.jsonl}: the Lambda host's report of every invocation (duration, init);
 *   <li>{@code run.json}: the table's key schema and indexes, the state machine's type and the size
 *       of its definition, the bytes and lines each function's containers logged, the outcome of
 *       every input line by status, and the dead-letter queue depths.
 * </ul>
 *
 * Nothing is computed here: the pricing rules live, with their tests and sources, in tools/cost.
 */
final class CostMeasurements {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CostMeasurements() {}

  static void write(
      LocalPlatform platform,
      Path logDirectory,
      List<EventOutcome> outcomes,
      Map<String, Integer> deadLetterDepths,
      Path directory)
      throws IOException {
    Files.createDirectories(directory);
    ObjectNode run = JsonNodeFactory.instance.objectNode();
    run.put("measuredAt", Instant.now().toString());
    writeExecutions(platform, directory.resolve("executions.jsonl"), run);
    writeItems(platform, directory.resolve("items.jsonl"), run);
    Path invocations = logDirectory.resolve(InvocationReport.FILE_NAME);
    if (Files.isRegularFile(invocations)) {
      Files.copy(
          invocations,
          directory.resolve(InvocationReport.FILE_NAME),
          StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.writeString(directory.resolve(InvocationReport.FILE_NAME), "");
    }
    run.set("functionLogs", functionLogs(platform, logDirectory));
    ObjectNode statuses = run.putObject("outcomes");
    outcomes.forEach(
        outcome -> statuses.put(outcome.status(), statuses.path(outcome.status()).asInt(0) + 1));
    ObjectNode depths = run.putObject("deadLetterQueueDepths");
    deadLetterDepths.forEach(depths::put);
    Files.writeString(
        directory.resolve("run.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run),
        StandardCharsets.UTF_8);
  }

  private static void writeExecutions(LocalPlatform platform, Path file, ObjectNode run)
      throws IOException {
    var sfn = platform.clients().stepFunctions();
    String arn = platform.deployment().stateMachineArn();
    DescribeStateMachineResponse machine =
        sfn.describeStateMachine(request -> request.stateMachineArn(arn));
    ObjectNode stateMachine = run.putObject("stateMachine");
    // The emulator keeps no logging configuration; tools/cost reads it from the templates.
    stateMachine.put("type", machine.typeAsString());
    stateMachine.put(
        "definitionBytes", machine.definition().getBytes(StandardCharsets.UTF_8).length);
    int count = 0;
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (ExecutionListItem execution :
          sfn.listExecutionsPaginator(request -> request.stateMachineArn(arn)).executions()) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("executionArn", execution.executionArn());
        line.put("status", execution.statusAsString());
        ArrayNode events = line.putArray("events");
        for (HistoryEvent event :
            sfn.getExecutionHistoryPaginator(
                    request -> request.executionArn(execution.executionArn()).maxResults(1000))
                .events()) {
          events.add(toJson(event));
        }
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
        count++;
      }
    }
    run.put("executions", count);
  }

  private static void writeItems(LocalPlatform platform, Path file, ObjectNode run)
      throws IOException {
    var dynamoDb = platform.clients().dynamoDb();
    String table = platform.deployment().tableName();
    TableDescription description =
        dynamoDb.describeTable(request -> request.tableName(table)).table();
    ObjectNode schema = run.putObject("table");
    schema.put("name", table);
    schema.set("keySchema", toJson(description.keySchema()));
    schema.set("globalSecondaryIndexes", toJson(description.globalSecondaryIndexes()));
    int count = 0;
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Map<String, AttributeValue> item :
          dynamoDb.scanPaginator(request -> request.tableName(table)).items()) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        item.forEach((name, value) -> line.set(name, toJson(value)));
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
        count++;
      }
    }
    schema.put("items", count);
  }

  /** Bytes and lines of each state-machine function's container logs, by function name. */
  private static ObjectNode functionLogs(LocalPlatform platform, Path logDirectory)
      throws IOException {
    ObjectNode logs = JsonNodeFactory.instance.objectNode();
    for (String function : platform.deployment().stateMachineFunctions()) {
      long bytes = 0;
      long lines = 0;
      try (Stream<Path> files = Files.list(logDirectory)) {
        for (Path log :
            files
                .filter(
                    path ->
                        path.getFileName().toString().matches("\\Q" + function + "\\E-\\d+\\.log"))
                .toList()) {
          byte[] content = Files.readAllBytes(log);
          bytes += content.length;
          for (byte b : content) {
            if (b == '\n') {
              lines++;
            }
          }
        }
      }
      ObjectNode entry = logs.putObject(function);
      entry.put("bytes", bytes);
      entry.put("lines", lines);
    }
    return logs;
  }

  /**
   * An SDK model object as JSON under its wire names; members the response did not set are left
   * out, so an {@code AttributeValue} becomes DynamoDB's typed JSON.
   */
  static JsonNode toJson(Object value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value == null
        || value instanceof SdkAutoConstructList<?>
        || value instanceof SdkAutoConstructMap<?, ?>) {
      return nodes.missingNode();
    }
    if (value instanceof SdkPojo pojo) {
      ObjectNode object = nodes.objectNode();
      for (SdkField<?> field : pojo.sdkFields()) {
        JsonNode member = toJson(field.getValueOrDefault(pojo));
        if (!member.isMissingNode()) {
          object.set(field.locationName(), member);
        }
      }
      return object;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = nodes.objectNode();
      map.forEach((key, member) -> object.set(String.valueOf(key), toJson(member)));
      return object;
    }
    if (value instanceof Collection<?> list) {
      ArrayNode array = nodes.arrayNode();
      list.forEach(member -> array.add(toJson(member)));
      return array;
    }
    if (value instanceof SdkBytes bytes) {
      return nodes.textNode(Base64.getEncoder().encodeToString(bytes.asByteArray()));
    }
    if (value instanceof Boolean flag) {
      return nodes.booleanNode(flag);
    }
    if (value instanceof Long || value instanceof Integer) {
      return nodes.numberNode(((Number) value).longValue());
    }
    return nodes.textNode(value.toString());
  }
}
