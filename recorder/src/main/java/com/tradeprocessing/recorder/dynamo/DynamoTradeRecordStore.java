package com.tradeprocessing.recorder.dynamo;

import com.tradeprocessing.recorder.TradeStoreRequestRejectedException;
import com.tradeprocessing.recorder.TradeStoreUnavailableException;
import com.tradeprocessing.recorder.record.PutOutcome;
import com.tradeprocessing.recorder.record.TradeRecord;
import com.tradeprocessing.recorder.record.TradeRecordStore;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * The trade store on a DynamoDB table (partition key {@code tradeId}, no sort key), through the
 * low-level client.
 *
 * <p>A record is written with {@code attribute_not_exists(tradeId)}. When that condition fails the
 * existing record comes back in the same response ({@code ReturnValuesOnConditionCheckFailure =
 * ALL_OLD}); if the response carries none, it is read back with a strongly consistent GetItem.
 * Throttling, server errors and connection failures that outlast the client's retries become {@link
 * TradeStoreUnavailableException}; other refusals {@link TradeStoreRequestRejectedException}.
 */
public final class DynamoTradeRecordStore implements TradeRecordStore {

  static final String CONDITION = "attribute_not_exists(" + TradeRecordItems.TRADE_ID + ")";

  private final DynamoDbClient dynamo;
  private final String tableName;

  public DynamoTradeRecordStore(DynamoDbClient dynamo, String tableName) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  @Override
  public PutOutcome putIfAbsent(TradeRecord record) {
    PutItemRequest request =
        PutItemRequest.builder()
            .tableName(tableName)
            .item(TradeRecordItems.toItem(record))
            .conditionExpression(CONDITION)
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build();
    try {
      dynamo.putItem(request);
      return new PutOutcome.Written(record);
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> existing =
          e.hasItem() && !e.item().isEmpty() ? e.item() : readBack(record.tradeId());
      return new PutOutcome.AlreadyRecorded(TradeRecordItems.fromItem(existing));
    } catch (SdkException e) {
      throw translate(e, "write record " + record.tradeId());
    }
  }

  private Map<String, AttributeValue> readBack(String tradeId) {
    GetItemResponse response;
    try {
      response =
          dynamo.getItem(
              request ->
                  request
                      .tableName(tableName)
                      .key(Map.of(TradeRecordItems.TRADE_ID, AttributeValue.fromS(tradeId)))
                      .consistentRead(true));
    } catch (SdkException e) {
      throw translate(e, "read back record " + tradeId);
    }
    if (!response.hasItem() || response.item().isEmpty()) {
      // Records are never deleted by the platform; a record that vanished between the two calls
      // was removed by hand, and writing again on retry is then the right outcome.
      throw new TradeStoreUnavailableException(
          "record " + tradeId + " existed at write time but not at read-back", null);
    }
    return response.item();
  }

  private RuntimeException translate(SdkException e, String action) {
    String message = "cannot " + action + " in table " + tableName + ": " + e.getMessage();
    if (e instanceof AwsServiceException service
        && !service.isThrottlingException()
        && service.statusCode() < 500
        && !(service instanceof TransactionConflictException)) {
      return new TradeStoreRequestRejectedException(message, e);
    }
    // Throttling, 5xx, transaction conflicts, timeouts and connection failures: the client has
    // retried already; the state machine retries the task with its own backoff.
    return new TradeStoreUnavailableException(message, e);
  }
}
