package com.tradeprocessing.globaltable;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.function.logging.LogContext;
import com.tradeprocessing.globaltable.aws.GlobalTableResourceWiring;
import com.tradeprocessing.globaltable.aws.LambdaSelfInvoker;
import com.tradeprocessing.globaltable.aws.ReinvokeFailedException;
import com.tradeprocessing.globaltable.cloudformation.CloudFormationResponder;
import com.tradeprocessing.globaltable.cloudformation.CustomResourceEvent;
import com.tradeprocessing.globaltable.cloudformation.CustomResourceResponse;
import com.tradeprocessing.globaltable.cloudformation.MalformedEventException;
import com.tradeprocessing.globaltable.cloudformation.RequestType;
import com.tradeprocessing.globaltable.cloudformation.ResourceJson;
import com.tradeprocessing.globaltable.cloudformation.ResponseStatus;
import com.tradeprocessing.globaltable.replica.GlobalTableReplicaService;
import com.tradeprocessing.globaltable.replica.ReplicaOutcome;
import com.tradeprocessing.globaltable.replica.WaitState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point of {@code Custom::GlobalTableReplica}. Reads the CloudFormation request, lets
 * {@link GlobalTableReplicaService} act on it, then either answers CloudFormation or re-invokes
 * itself to continue the wait. Every request that carries a ResponseURL gets an answer: failures of
 * any kind become FAILED with a reason, and the function never throws, because an asynchronous
 * retry of a failed invocation could only repeat the same answer.
 *
 * <p>Returns {@code {"outcome": "SUCCESS" | "FAILED" | "REINVOKED" | "UNANSWERED"}} for the logs.
 */
public final class GlobalTableReplicaHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(GlobalTableReplicaHandler.class);

  private final GlobalTableReplicaService service;
  private final CloudFormationResponder responder;
  private final LambdaSelfInvoker reinvoker;

  /**
   * Production wiring ({@link GlobalTableResourceWiring}), built once per container by the Lambda
   * runtime.
   */
  public GlobalTableReplicaHandler() {
    this(GlobalTableResourceWiring.fromEnvironment(FunctionEnvironment.system()));
  }

  private GlobalTableReplicaHandler(GlobalTableResourceWiring wiring) {
    this(wiring.service(), wiring.responder(), wiring.reinvoker());
  }

  public GlobalTableReplicaHandler(
      GlobalTableReplicaService service,
      CloudFormationResponder responder,
      LambdaSelfInvoker reinvoker) {
    this.service = Objects.requireNonNull(service, "service");
    this.responder = Objects.requireNonNull(responder, "responder");
    this.reinvoker = Objects.requireNonNull(reinvoker, "reinvoker");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode payload;
    try {
      payload = ResourceJson.mapper().readTree(input);
    } catch (JacksonException e) {
      payload = null;
    }
    JsonNode request = payload;
    LogContext.run(
        context,
        "RequestId",
        request,
        () ->
            ResourceJson.mapper().writeValue(output, Map.of("outcome", handle(request, context))));
  }

  private String handle(JsonNode payload, Context context) {
    CustomResourceEvent event;
    try {
      event = CustomResourceEvent.parse(payload);
    } catch (MalformedEventException e) {
      LOG.error("Request cannot be answered: {}", e.getMessage());
      return "UNANSWERED";
    }
    LogContext.put("stackId", event.stackId());
    LogContext.put("logicalResourceId", event.logicalResourceId());
    LogContext.put("physicalResourceId", event.physicalResourceId());
    LogContext.put("requestType", event.requestTypeValue());
    try {
      Optional<RequestType> type = event.requestType();
      if (type.isEmpty()) {
        return answer(
            event,
            new CustomResourceResponse(
                ResponseStatus.FAILED,
                event.physicalResourceId(),
                "Unsupported RequestType '"
                    + event.requestTypeValue()
                    + "'; expected Create, Update or Delete."),
            context);
      }
      WaitState wait = event.waitState();
      if (wait != null) {
        LogContext.put("waitAttempt", Integer.toString(wait.attempt()));
      }
      ReplicaOutcome outcome =
          service.handle(
              event.toReplicaRequest(type.get()),
              wait,
              () -> Duration.ofMillis(context.getRemainingTimeInMillis()));
      return switch (outcome) {
        case ReplicaOutcome.Finished finished ->
            answer(
                event,
                new CustomResourceResponse(
                    finished.status(), finished.physicalResourceId(), finished.reason()),
                context);
        case ReplicaOutcome.Reinvoke next -> reinvoke(event, next, context);
      };
    } catch (MalformedEventException e) {
      return answer(
          event,
          new CustomResourceResponse(
              ResponseStatus.FAILED, event.physicalResourceId(), e.getMessage()),
          context);
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure", e);
      return answer(
          event,
          new CustomResourceResponse(
              ResponseStatus.FAILED, event.physicalResourceId(), "Unexpected error: " + e),
          context);
    }
  }

  private String reinvoke(
      CustomResourceEvent event, ReplicaOutcome.Reinvoke next, Context context) {
    try {
      reinvoker.reinvoke(event.withWaitState(next.next()), context);
      return "REINVOKED";
    } catch (ReinvokeFailedException e) {
      LOG.error("Re-invocation failed", e);
      return answer(
          event,
          new CustomResourceResponse(
              ResponseStatus.FAILED,
              next.physicalResourceIdOnFailure(),
              e.getMessage() + " Last progress: " + next.progress()),
          context);
    }
  }

  private String answer(
      CustomResourceEvent event, CustomResourceResponse response, Context context) {
    boolean delivered = responder.send(event, response, context);
    return delivered ? response.status().name() : "UNANSWERED";
  }
}
