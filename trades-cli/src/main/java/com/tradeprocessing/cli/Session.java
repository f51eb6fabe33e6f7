package com.tradeprocessing.cli;

import com.tradeprocessing.cli.aws.AwsConnection;
import com.tradeprocessing.cli.aws.DynamoRecordStore;
import com.tradeprocessing.cli.aws.SqsDeadLetterQueue;
import com.tradeprocessing.cli.aws.TradeBus;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** One command's connection and the resources of its environment. */
public final class Session implements AutoCloseable {

  private static final Set<String> CREDENTIAL_ERRORS =
      Set.of(
          "ExpiredToken",
          "ExpiredTokenException",
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "InvalidSignatureException",
          "AccessDenied",
          "AccessDeniedException");

  private final AwsConnection connection;
  private final EnvironmentNames names;

  Session(AwsConnection connection, EnvironmentNames names) {
    this.connection = connection;
    this.names = names;
  }

  public EnvironmentNames names() {
    return names;
  }

  public AwsConnection connection() {
    return connection;
  }

  /** Where the session works, for messages: {@code environment dev in us-east-1}. */
  public String where() {
    return "environment "
        + names.suffix()
        + (connection.isLocal()
            ? " of the local platform (" + connection.endpointDescription() + ")"
            : " in " + connection.region().id());
  }

  public DynamoRecordStore records() {
    return new DynamoRecordStore(connection.dynamoDb(), names.table(), where());
  }

  public SqsDeadLetterQueue deadLetterQueue(String name) {
    return new SqsDeadLetterQueue(connection.sqs(), names.deadLetterQueue(name), where());
  }

  public TradeBus bus() {
    return new TradeBus(connection.eventBridge(), names.eventBus(), names.archive(), where());
  }

  /** The one line that says what an SDK failure means here, and what to do about it. */
  public TradesException explain(RuntimeException failure) {
    if (failure instanceof TradesException known) {
      return known;
    }
    if (failure instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      String message =
          service.awsErrorDetails() == null
              ? service.getMessage()
              : service.awsErrorDetails().errorMessage();
      if (code != null && CREDENTIAL_ERRORS.contains(code)) {
        return new TradesException(
            "AWS refused the request ("
                + code
                + ": "
                + message
                + "): check the credentials of --profile or AWS_PROFILE (e.g. aws sso login) and"
                + " their permissions on "
                + where(),
            failure);
      }
      return new TradesException(
          service.awsErrorDetails() == null
              ? "AWS answered " + message + " (" + where() + ")"
              : service.awsErrorDetails().serviceName()
                  + " answered "
                  + code
                  + ": "
                  + message
                  + " ("
                  + where()
                  + ")",
          failure);
    }
    if (failure instanceof SdkClientException client) {
      String message = client.getMessage() == null ? client.toString() : client.getMessage();
      if (message.contains("Unable to load credentials")
          || message.contains("Profile file contained no credentials")
          || message.contains("does not exist in the profile file")) {
        return new TradesException(
            "no AWS credentials"
                + (message.contains("profile") ? " in the chosen profile" : "")
                + ": pass --profile NAME or set AWS_PROFILE (after aws sso login, if the profile"
                + " uses SSO), or set the AWS_ACCESS_KEY_ID variables",
            failure);
      }
      return new TradesException(
          connection.isLocal()
              ? "the local platform at "
                  + connection.endpointDescription()
                  + " does not answer ("
                  + firstLine(message)
                  + "): is make run-local KEEP=1 still running?"
              : "cannot reach "
                  + connection.endpointDescription()
                  + " ("
                  + firstLine(message)
                  + "): check the network and --region",
          failure);
    }
    return new TradesException(
        "unexpected " + failure.getClass().getSimpleName() + ": " + firstLine(failure.getMessage()),
        failure);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  @Override
  public void close() {
    connection.close();
  }
}
