package com.tradeprocessing.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The Lambda context of one invocation of a function in us-east-1, with fixed identifiers; its
 * logger writes to standard output as the runtime's does. Its remaining time is a fixed 30 s, or
 * runs down on a test clock.
 */
public final class TestLambdaContext implements Context {

  /** The request id of every invocation, which Powertools logs as {@code function_request_id}. */
  public static final String REQUEST_ID = "6bc28136-8c2b-4c3f-9a1e-0d5c4a1b2f30";

  /** The log stream of every invocation. */
  public static final String LOG_STREAM = "2026/11/25/[$LATEST]0123456789abcdef";

  private static final Duration DEFAULT_REMAINING = Duration.ofSeconds(30);

  private final String functionName;
  private final Clock clock;
  private final Instant invocationEnd;

  /** A context of the function named {@code functionName}, which names its log group and ARN. */
  public TestLambdaContext(String functionName) {
    this(functionName, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), DEFAULT_REMAINING);
  }

  /**
   * A context whose remaining time runs down on {@code clock}: the invocation ends {@code timeout}
   * after the clock's current instant.
   */
  public TestLambdaContext(String functionName, Clock clock, Duration timeout) {
    this.functionName = Objects.requireNonNull(functionName, "functionName");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.invocationEnd = clock.instant().plus(timeout);
  }

  @Override
  public String getAwsRequestId() {
    return REQUEST_ID;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return LOG_STREAM;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
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
    return (int) Math.max(0, Duration.between(clock.instant(), invocationEnd).toMillis());
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
