package com.tradeprocessing.cli.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.cli.TradesException;
import com.tradeprocessing.cli.record.StoredRecord;
import com.tradeprocessing.recorder.dynamo.TradeRecordItems;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The trades table read by its key and its two indexes (templates/storage.json), never scanned.
 * Items become {@link StoredRecord}s, attribute by attribute, so a damaged item is shown as it is.
 *
 * <p>The indexes project only an operator's listing (docs/trade-record.md), so every index hit is
 * read back whole from the table by its key (BatchGetItem, strongly consistent) before it becomes a
 * record: export and verify see the payload and hashes, never an index's partial copy.
 */
public final class DynamoRecordStore {

  public static final String BY_STATUS_DATE = "by-status-date";
  public static final String BY_INSTRUMENT = "by-instrument";

  private static final int BATCH_GET_MAX_KEYS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final String where;

  /** One page of records and the token of the next, {@code null} after the last. */
  public record Page(List<StoredRecord> records, String nextToken) {
    public Page {
      records = List.copyOf(records);
    }
  }

  /**
   * @param where the region or endpoint, for messages
   */
  public DynamoRecordStore(DynamoDbClient dynamoDb, String table, String where) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.where = where;
  }

  public String table() {
    return table;
  }

  /** The record of {@code tradeId}, read strongly consistent. */
  public Optional<StoredRecord> get(String tradeId) {
    Map<String, AttributeValue> item =
        call(
            () ->
                dynamoDb
                    .getItem(
                        request ->
                            request
                                .tableName(table)
                                .consistentRead(true)
                                .key(
                                    Map.of(
                                        TradeRecordItems.TRADE_ID, AttributeValue.fromS(tradeId))))
                    .item());
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(item));
  }

  /**
   * Records of one status and trade date, in the order they were recorded, optionally of one
   * recording time range ({@code recordedAt}, both ends inclusive) and with one reason code.
   */
  public Page byStatusDate(
      String status,
      String tradeDate,
      String recordedFrom,
      String recordedTo,
      String reasonCode,
      int limit,
      String pageToken) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    names.put("#sd", TradeRecordItems.STATUS_DATE);
    values.put(":sd", AttributeValue.fromS(status + "#" + tradeDate));
    String condition =
        "#sd = :sd" + range(TradeRecordItems.RECORDED_AT, recordedFrom, recordedTo, names, values);
    String filter = null;
    if (reasonCode != null) {
      names.put("#rc", TradeRecordItems.REASON_CODES);
      values.put(":rc", AttributeValue.fromS(reasonCode));
      filter = "contains(#rc, :rc)";
    }
    return query(BY_STATUS_DATE, condition, filter, names, values, limit, pageToken);
  }

  /** Records of one instrument executed in a time range (both ends inclusive), oldest first. */
  public Page byInstrument(
      String isin, String executedFrom, String executedTo, int limit, String pageToken) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    names.put("#isin", TradeRecordItems.ISIN);
    values.put(":isin", AttributeValue.fromS(isin));
    String condition =
        "#isin = :isin"
            + range(TradeRecordItems.EXECUTED_AT, executedFrom, executedTo, names, values);
    return query(BY_INSTRUMENT, condition, null, names, values, limit, pageToken);
  }

  private static String range(
      String attribute,
      String from,
      String to,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    if (from == null && to == null) {
      return "";
    }
    names.put("#t", attribute);
    if (from != null && to != null) {
      values.put(":from", AttributeValue.fromS(from));
      values.put(":to", AttributeValue.fromS(to));
      return " AND #t BETWEEN :from AND :to";
    }
    if (from != null) {
      values.put(":from", AttributeValue.fromS(from));
      return " AND #t >= :from";
    }
    values.put(":to", AttributeValue.fromS(to));
    return " AND #t <= :to";
  }

  /**
   * Queries until {@code limit} records matched or the index has no more. DynamoDB applies a
   * query's Limit before its filter, so a filtered page may hold fewer matches than items read;
   * each request asks for no more than the matches still wanted, so no match is skipped between
   * pages.
   */
  private Page query(
      String index,
      String condition,
      String filter,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      int limit,
      String pageToken) {
    List<StoredRecord> records = new ArrayList<>();
    Map<String, AttributeValue> start = pageToken == null ? null : decode(pageToken);
    do {
      Map<String, AttributeValue> exclusiveStart = start;
      int wanted = limit - records.size();
      QueryResponse response =
          call(
              () ->
                  dynamoDb.query(
                      QueryRequest.builder()
                          .tableName(table)
                          .indexName(index)
                          .keyConditionExpression(condition)
                          .filterExpression(filter)
                          .expressionAttributeNames(names)
                          .expressionAttributeValues(values)
                          .exclusiveStartKey(exclusiveStart)
                          .limit(wanted)
                          .build()));
      whole(response.items()).forEach(item -> records.add(record(item)));
      start =
          response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
              ? response.lastEvaluatedKey()
              : null;
    } while (start != null && records.size() < limit);
    return new Page(records, start == null ? null : encode(start));
  }

  /**
   * The table's items for index hits, in the hits' order. BatchGetItem takes at most 100 keys and
   * may leave some unprocessed under throttling; those are asked again after a growing pause
   * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html).
   */
  private List<Map<String, AttributeValue>> whole(List<Map<String, AttributeValue>> hits) {
    Map<String, Map<String, AttributeValue>> byId = new HashMap<>();
    for (int from = 0; from < hits.size(); from += BATCH_GET_MAX_KEYS) {
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (Map<String, AttributeValue> hit :
          hits.subList(from, Math.min(hits.size(), from + BATCH_GET_MAX_KEYS))) {
        keys.add(Map.of(TradeRecordItems.TRADE_ID, hit.get(TradeRecordItems.TRADE_ID)));
      }
      Map<String, KeysAndAttributes> pending =
          Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt > 0) {
          pause(attempt);
        }
        Map<String, KeysAndAttributes> asked = pending;
        BatchGetItemResponse response =
            call(() -> dynamoDb.batchGetItem(request -> request.requestItems(asked)));
        response
            .responses()
            .getOrDefault(table, List.of())
            .forEach(item -> byId.put(item.get(TradeRecordItems.TRADE_ID).s(), item));
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>(hits.size());
    // A hit whose item is gone (records are never deleted) is shown as the index has it.
    hits.forEach(hit -> items.add(byId.getOrDefault(hit.get(TradeRecordItems.TRADE_ID).s(), hit)));
    return items;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(2_000L, 50L << Math.min(attempt, 6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TradesException("interrupted while reading records from the table");
    }
  }

  private <T> T call(java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (ResourceNotFoundException e) {
      throw new TradesException(
          "no table "
              + table
              + " (or its index) at "
              + where
              + ": check --env and --region; the environment's table is created by make deploy ENV=<env>",
          e);
    }
  }

  /** An item as plain JSON: S as text, N as a decimal, L and M as arrays and objects. */
  public static StoredRecord record(Map<String, AttributeValue> item) {
    ObjectNode attributes = NODES.objectNode();
    new java.util.TreeMap<>(item).forEach((name, value) -> attributes.set(name, json(value)));
    return new StoredRecord(attributes);
  }

  private static JsonNode json(AttributeValue value) {
    if (value.s() != null) {
      return NODES.textNode(value.s());
    }
    if (value.n() != null) {
      return NODES.numberNode(new BigDecimal(value.n()));
    }
    if (value.bool() != null) {
      return NODES.booleanNode(value.bool());
    }
    if (value.hasL()) {
      ArrayNode list = NODES.arrayNode();
      value.l().forEach(element -> list.add(json(element)));
      return list;
    }
    if (value.hasM()) {
      ObjectNode map = NODES.objectNode();
      new java.util.TreeMap<>(value.m()).forEach((name, element) -> map.set(name, json(element)));
      return map;
    }
    if (value.hasSs()) {
      ArrayNode set = NODES.arrayNode();
      value.ss().forEach(set::add);
      return set;
    }
    return NODES.nullNode();
  }

  /** A last evaluated key (string attributes only: every key of this table) as a URL-safe token. */
  static String encode(Map<String, AttributeValue> key) {
    Map<String, String> strings = new LinkedHashMap<>();
    new java.util.TreeMap<>(key).forEach((name, value) -> strings.put(name, value.s()));
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(JSON.writeValueAsBytes(strings));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  static Map<String, AttributeValue> decode(String token) {
    try {
      JsonNode json =
          JSON.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      Map<String, AttributeValue> key = new LinkedHashMap<>();
      json.properties()
          .forEach(
              field -> key.put(field.getKey(), AttributeValue.fromS(field.getValue().asText())));
      if (key.isEmpty()) {
        throw new IllegalArgumentException("empty");
      }
      return key;
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new TradesException(
          "--page " + token + " is not a page token: pass the token the previous page printed");
    }
  }
}
