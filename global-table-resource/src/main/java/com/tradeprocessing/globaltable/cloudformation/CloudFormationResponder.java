package com.tradeprocessing.globaltable.cloudformation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.lambda.powertools.cloudformation.AbstractCustomResourceHandler;
import software.amazon.lambda.powertools.cloudformation.Response;

/**
 * Delivers the answer to CloudFormation through the request's pre-signed ResponseURL, on
 * Powertools' {@code powertools-cloudformation}: its {@link AbstractCustomResourceHandler} writes
 * the response body (Status, Reason, PhysicalResourceId, StackId, RequestId, LogicalResourceId,
 * NoEcho, Data) and PUTs it to the ResponseURL. Powertools' handler cannot be this function's
 * handler: it answers at the end of every invocation, and an invocation that re-invokes itself to
 * continue the wait must not answer; so the outcome is decided first and a one-shot Powertools
 * handler only delivers it.
 *
 * <p>Powertools does not look at the HTTP status of the PUT; {@link AcceptedStatusHttpClient} turns
 * a refusal (an expired URL answers 403) into the IOException Powertools reports through {@code
 * onSendFailure}.
 */
public final class CloudFormationResponder {

  private static final Logger LOG = LoggerFactory.getLogger(CloudFormationResponder.class);

  /**
   * CloudFormation refuses a response body over 4096 bytes; the reason is the only unbounded part.
   */
  static final int MAX_REASON_LENGTH = 1000;

  /**
   * Powertools dispatches on RequestType only to pick which of its three methods returns the
   * response, and all three return the same one here. A fixed type keeps a RequestType that
   * CloudFormation never sends from reaching Powertools' default, which answers SUCCESS.
   */
  private static final String DISPATCH_TYPE = "Create";

  private final SdkHttpClient httpClient;

  public CloudFormationResponder(SdkHttpClient httpClient) {
    this.httpClient = new AcceptedStatusHttpClient(httpClient);
  }

  /**
   * Sends the response; never throws.
   *
   * @return true when the ResponseURL accepted it
   */
  public boolean send(CustomResourceEvent event, CustomResourceResponse response, Context context) {
    Response answer =
        Response.builder()
            .status(
                response.status() == ResponseStatus.SUCCESS
                    ? Response.Status.SUCCESS
                    : Response.Status.FAILED)
            .physicalResourceId(response.physicalResourceId())
            .reason(truncate(response.reason()))
            .build();
    OneShotHandler handler = new OneShotHandler(httpClient, answer);
    try {
      handler.handleRequest(toPowertoolsEvent(event), context);
    } catch (RuntimeException e) {
      LOG.error("Could not send the response to CloudFormation", e);
      return false;
    }
    if (handler.failure != null) {
      LOG.error(
          "CloudFormation did not take the response; the stack waits until its timeout",
          handler.failure);
      return false;
    }
    LOG.info(
        "Answered CloudFormation {} ({}): {}",
        response.status(),
        response.physicalResourceId(),
        answer.getReason());
    return true;
  }

  private static CloudFormationCustomResourceEvent toPowertoolsEvent(CustomResourceEvent event) {
    CloudFormationCustomResourceEvent converted = new CloudFormationCustomResourceEvent();
    converted.setRequestType(DISPATCH_TYPE);
    converted.setServiceToken(event.serviceToken());
    converted.setResponseUrl(event.responseUrl());
    converted.setStackId(event.stackId());
    converted.setRequestId(event.requestId());
    converted.setLogicalResourceId(event.logicalResourceId());
    converted.setPhysicalResourceId(event.physicalResourceId());
    converted.setResourceType(event.resourceType());
    return converted;
  }

  static String truncate(String reason) {
    return reason.length() <= MAX_REASON_LENGTH
        ? reason
        : reason.substring(0, MAX_REASON_LENGTH - 3) + "...";
  }

  /** Delivers one decided response; records a delivery failure instead of only logging it. */
  private static final class OneShotHandler extends AbstractCustomResourceHandler {

    private final Response answer;
    private Exception failure;

    OneShotHandler(SdkHttpClient client, Response answer) {
      super(client);
      this.answer = answer;
    }

    @Override
    protected Response create(CloudFormationCustomResourceEvent event, Context context) {
      return answer;
    }

    @Override
    protected Response update(CloudFormationCustomResourceEvent event, Context context) {
      return answer;
    }

    @Override
    protected Response delete(CloudFormationCustomResourceEvent event, Context context) {
      return answer;
    }

    @Override
    protected void onSendFailure(
        CloudFormationCustomResourceEvent event,
        Context context,
        Response response,
        Exception exception) {
      failure = exception;
    }
  }
}
