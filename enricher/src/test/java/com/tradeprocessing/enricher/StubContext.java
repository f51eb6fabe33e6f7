package com.tradeprocessing.enricher;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A Lambda context as the runtime would give the enricher in us-east-1. */
final class StubContext implements Context {

  @Override
  public String getAwsRequestId() {
    return "6f1c2d3e-0000-4000-8000-000000000001";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/lambda-enricher-test";
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/25/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return "lambda-enricher-test";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:lambda-enricher-test";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return 30_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.out.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.out.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
