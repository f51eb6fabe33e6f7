package com.tradeprocessing.globaltable;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.function.FunctionEnvironment;
import com.tradeprocessing.model.json.TradeJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Lambda entry point of {@code Custom::GlobalTableReplica}. Reads the CloudFormation request,
 * lets {@link GlobalTableReplicaService} act on it, then either answers CloudFormation or hands
 * the wait on to a new invocation. Every request that carries a ResponseURL gets an answer:
 * failures of any kind become FAILED with a reason, and the function never throws, because an
 * asynchronous retry of a failed invocation could only repeat the same answer.
 *
 * <p>Returns {@code {"outcome": "SUCCESS" | "FAILED" | "HANDED_ON" | "UNANSWERED"}} for the logs.
 */
public final class GlobalTableReplicaHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(GlobalTableReplicaHandler.class);

  private final GlobalTableReplicaService service;
  private final CloudFormationResponder responder;
  private final WaitHandOn handOn;

  /**
   * Production wiring ({@link GlobalTableResourceWiring}), built once per container by the Lambda
   * runtime.
   */
  public GlobalTableReplicaHandler() {
    this(GlobalTableResourceWiring.fromEnvironment(FunctionEnvironment.system()));
  }

  private GlobalTableReplicaHandler(GlobalTableResourceWiring wiring) {
    this(wiring.service(), wiring.responder(), wiring.handOn());
  }

  public GlobalTableReplicaHandler(GlobalTableReplicaService service, CloudFormationResponder responder, WaitHandOn handOn) {
    this.service = service;
    this.responder = responder;
    this.handOn = handOn;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode payload;
    try {
      payload = TradeJson.mapper().readTree(input);
    } catch (JacksonException e) {
      payload = null;
    }
    JsonNode request = payload;
    String outcome = PowertoolsLogging.withLogging(context, "RequestId", request, () -> handle(request, context));
    TradeJson.mapper().writeValue(output, Map.of("outcome", outcome));
  }

  private String handle(JsonNode payload, Context context) {
    CustomResourceEvent event;
    try {
      event = CustomResourceEvent.parse(payload);
    } catch (MalformedEventException e) {
      LOG.error("Request cannot be answered: {}", e.getMessage());
      return "UNANSWERED";
    }
    putIfPresent("stack_id", event.stackId());
    putIfPresent("logical_resource_id", event.logicalResourceId());
    putIfPresent("physical_resource_id", event.physicalResourceId());
    putIfPresent("request_type", event.requestTypeValue());
    try {
      Optional<RequestType> type = event.requestType();
      if (type.isEmpty()) {
        return answer(event, new CustomResourceResponse(ResponseStatus.FAILED, event.physicalResourceId(),
            "Unsupported RequestType '" + event.requestTypeValue() + "'; expected Create, Update or Delete."), context);
      }
      WaitState wait = event.waitState();
      if (wait != null) {
        MDC.put("wait_attempt", Integer.toString(wait.attempt()));
      }
      ReplicaOutcome outcome = service.handle(
          event.toReplicaRequest(type.get()), wait, () -> Duration.ofMillis(context.getRemainingTimeInMillis()));
      return switch (outcome) {
        case ReplicaOutcome.Finished finished -> answer(event,
            new CustomResourceResponse(finished.status(), finished.physicalResourceId(), finished.reason()), context);
        case ReplicaOutcome.HandOn next -> handOn(event, next, context);
      };
    } catch (MalformedEventException e) {
      return answer(event, new CustomResourceResponse(ResponseStatus.FAILED, event.physicalResourceId(), e.getMessage()), context);
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure", e);
      return answer(event, new CustomResourceResponse(ResponseStatus.FAILED, event.physicalResourceId(),
          "Unexpected error: " + e), context);
    }
  }

  private String handOn(CustomResourceEvent event, ReplicaOutcome.HandOn next, Context context) {
    try {
      handOn.handOn(event.withWaitState(next.next()), context);
      return "HANDED_ON";
    } catch (HandOnFailedException e) {
      LOG.error("Hand-on failed", e);
      return answer(event, new CustomResourceResponse(ResponseStatus.FAILED, next.physicalResourceIdOnFailure(),
          e.getMessage() + " Last progress: " + next.progress()), context);
    }
  }

  private String answer(CustomResourceEvent event, CustomResourceResponse response, Context context) {
    boolean delivered = responder.send(event, response, context);
    return delivered ? response.status().name() : "UNANSWERED";
  }

  private static void putIfPresent(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }
}
