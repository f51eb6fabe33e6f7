package com.tradeprocessing.globaltable;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.json.TradeJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@link WaitHandOn} by an asynchronous {@code Invoke} ({@code InvocationType=Event}) of the
 * running function, named from the Lambda context. Lambda queues the payload and answers 202 at
 * once, so the current invocation can end before the next one starts. Needs
 * {@code lambda:InvokeFunction} on the function itself.
 */
public final class LambdaSelfInvoker implements WaitHandOn {

  private static final Logger LOG = LoggerFactory.getLogger(LambdaSelfInvoker.class);
  private static final int ACCEPTED = 202;

  private final LambdaClient lambda;

  public LambdaSelfInvoker(LambdaClient lambda) {
    this.lambda = lambda;
  }

  @Override
  public void handOn(ObjectNode payload, Context context) {
    String functionName = context.getFunctionName();
    byte[] body;
    try {
      body = TradeJson.mapper().writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new HandOnFailedException("The wait could not be handed on: the payload does not serialise.", e);
    }
    InvokeResponse response;
    try {
      response = lambda.invoke(r -> r.functionName(functionName)
          .invocationType(InvocationType.EVENT)
          .payload(SdkBytes.fromByteArray(body)));
    } catch (SdkException e) {
      throw new HandOnFailedException(
          "The wait could not be handed on: Lambda Invoke of " + functionName + " failed: " + e.getMessage(), e);
    }
    if (response.statusCode() != ACCEPTED) {
      throw new HandOnFailedException(
          "The wait could not be handed on: Lambda Invoke of " + functionName + " answered " + response.statusCode() + ".",
          null);
    }
    LOG.info("Handed the wait on to a new invocation of {}", functionName);
  }
}
