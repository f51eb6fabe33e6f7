package com.tradeprocessing.cli.dlq;

import com.tradeprocessing.model.Require;
import java.time.Instant;
import java.util.Map;

/**
 * One message of a queue as received, without SDK types.
 *
 * @param messageId SQS's id of the message
 * @param receiptHandle the handle of this receipt, to delete or release it
 * @param body the body
 * @param attributes the message attributes of string type (EventBridge's {@code ERROR_CODE}, ...)
 * @param sentAt when the message was sent, {@code null} if unknown
 * @param receiveCount how often it was received, this time included
 */
public record QueueMessage(
    String messageId,
    String receiptHandle,
    String body,
    Map<String, String> attributes,
    Instant sentAt,
    int receiveCount) {

  public QueueMessage {
    Require.nonNull("messageId body", messageId, body);
    attributes = Map.copyOf(attributes);
  }
}
