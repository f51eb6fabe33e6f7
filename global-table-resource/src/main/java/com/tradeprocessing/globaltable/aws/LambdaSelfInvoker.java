package com.tradeprocessing.globaltable.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.globaltable.cloudformation.ResourceJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Re-invokes the running function (named from the Lambda context) to continue the wait, by an
 * asynchronous {@code Invoke} ({@code InvocationType=Event}). Lambda queues the payload and answers
 * 202 at once, so the current invocation can end before the next one starts. Needs {@code
 * lambda:InvokeFunction} on the function itself.
 */
public final class LambdaSelfInvoker {

  private static final Logger LOG = LoggerFactory.getLogger(LambdaSelfInvoker.class);
  private static final int ACCEPTED = 202;

  private final LambdaClient lambda;

  public LambdaSelfInvoker(LambdaClient lambda) {
    this.lambda = lambda;
  }

  /**
   * Queues the payload for a new, asynchronous invocation of the running function.
   *
   * @throws ReinvokeFailedException when the invocation could not be queued
   */
  public void reinvoke(ObjectNode payload, Context context) {
    String functionName = context.getFunctionName();
    byte[] body;
    try {
      body = ResourceJson.mapper().writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new ReinvokeFailedException(
          "Could not re-invoke the function to continue the wait: the payload does not serialise.",
          e);
    }
    InvokeResponse response;
    try {
      response =
          lambda.invoke(
              r ->
                  r.functionName(functionName)
                      .invocationType(InvocationType.EVENT)
                      .payload(SdkBytes.fromByteArray(body)));
    } catch (SdkException e) {
      throw new ReinvokeFailedException(
          "Could not re-invoke the function to continue the wait: Lambda Invoke of "
              + functionName
              + " failed: "
              + e.getMessage(),
          e);
    }
    if (response.statusCode() != ACCEPTED) {
      throw new ReinvokeFailedException(
          "Could not re-invoke the function to continue the wait: Lambda Invoke of "
              + functionName
              + " answered "
              + response.statusCode()
              + ".",
          null);
    }
    LOG.info("Re-invoked {} to continue the wait", functionName);
  }
}
