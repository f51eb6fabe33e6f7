package com.tradeprocessing.cli.aws;

import com.tradeprocessing.cli.TradesException;
import com.tradeprocessing.cli.dlq.QueueMessage;
import com.tradeprocessing.model.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * A dead-letter queue read without losing a message: receiving hides a message for the visibility
 * timeout, and what is only looked at is made visible again at once (visibility timeout 0).
 */
public final class SqsDeadLetterQueue {

  private final SqsClient sqs;
  private final String name;
  private final String url;

  public SqsDeadLetterQueue(SqsClient sqs, String name, String where) {
    Require.nonNull("sqs name where", sqs, name, where);
    this.sqs = sqs;
    this.name = name;
    try {
      this.url = sqs.getQueueUrl(request -> request.queueName(name)).queueUrl();
    } catch (QueueDoesNotExistException e) {
      throw new TradesException(
          "no queue " + name + " at " + where + ": check --env and --region", e);
    }
  }

  public String name() {
    return name;
  }

  /** ApproximateNumberOfMessages: the visible messages. */
  public int depth() {
    return Integer.parseInt(
        sqs.getQueueAttributes(
                request ->
                    request
                        .queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
            .attributes()
            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  /**
   * Receives up to {@code max} distinct messages, hidden for {@code hiddenFor} so that the same
   * message is not received twice while reading. The caller {@link #release}s or {@link #delete}s
   * each.
   */
  public List<QueueMessage> receive(int max, Duration hiddenFor) {
    Map<String, QueueMessage> messages = new LinkedHashMap<>();
    while (messages.size() < max) {
      int batch = Math.min(10, max - messages.size());
      List<Message> received =
          sqs.receiveMessage(
                  request ->
                      request
                          .queueUrl(url)
                          .maxNumberOfMessages(batch)
                          .visibilityTimeout((int) hiddenFor.toSeconds())
                          .waitTimeSeconds(0)
                          .messageAttributeNames("All")
                          .messageSystemAttributeNames(
                              MessageSystemAttributeName.SENT_TIMESTAMP,
                              MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
              .messages();
      if (received.isEmpty()) {
        break;
      }
      for (Message message : received) {
        messages.putIfAbsent(message.messageId(), message(message));
      }
    }
    return new ArrayList<>(messages.values());
  }

  /** Makes the message visible again now. */
  public void release(QueueMessage message) {
    sqs.changeMessageVisibility(
        request ->
            request.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
  }

  public void delete(QueueMessage message) {
    sqs.deleteMessage(request -> request.queueUrl(url).receiptHandle(message.receiptHandle()));
  }

  private static QueueMessage message(Message message) {
    Map<String, String> attributes = new LinkedHashMap<>();
    message
        .messageAttributes()
        .forEach(
            (key, value) -> {
              if (value.stringValue() != null) {
                attributes.put(key, value.stringValue());
              }
            });
    String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
    String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    return new QueueMessage(
        message.messageId(),
        message.receiptHandle(),
        message.body(),
        attributes,
        sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)),
        count == null ? 1 : Integer.parseInt(count));
  }
}
