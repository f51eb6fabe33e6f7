package com.tradeprocessing.globaltable.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.globaltable.replica.ReplicaRequest;
import com.tradeprocessing.globaltable.replica.WaitState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A CloudFormation custom resource request as received, kept whole so that a re-invocation gets
 * exactly what CloudFormation sent plus the wait state under {@link #WAIT_STATE_FIELD}.
 * CloudFormation never sends that field, so its presence marks a re-invocation.
 */
public final class CustomResourceEvent {

  /**
   * Top-level field of a re-invocation's payload: {@code {"Attempt": 2, "Deadline": "<ISO-8601
   * instant>"}}.
   */
  public static final String WAIT_STATE_FIELD = "GlobalTableReplicaWait";

  private final ObjectNode raw;

  private CustomResourceEvent(ObjectNode raw) {
    this.raw = raw;
  }

  /**
   * Reads an invocation payload. Only a payload without a ResponseURL is refused, because only then
   * can no answer reach CloudFormation; every other defect is answered with FAILED.
   */
  public static CustomResourceEvent parse(JsonNode payload) throws MalformedEventException {
    if (payload == null || !payload.isObject()) {
      throw new MalformedEventException("The payload is not a JSON object.");
    }
    CustomResourceEvent event = new CustomResourceEvent(((ObjectNode) payload).deepCopy());
    if (event.responseUrl() == null || event.responseUrl().isBlank()) {
      throw new MalformedEventException(
          "The payload has no ResponseURL, so no answer can reach CloudFormation.");
    }
    return event;
  }

  public String requestTypeValue() {
    return text("RequestType");
  }

  /** The request type; empty for a value CloudFormation does not send. */
  public Optional<RequestType> requestType() {
    return RequestType.fromWireName(requestTypeValue());
  }

  public String responseUrl() {
    return text("ResponseURL");
  }

  public String serviceToken() {
    return text("ServiceToken");
  }

  public String stackId() {
    return text("StackId");
  }

  public String requestId() {
    return text("RequestId");
  }

  public String logicalResourceId() {
    return text("LogicalResourceId");
  }

  public String resourceType() {
    return text("ResourceType");
  }

  /** Null on Create. */
  public String physicalResourceId() {
    return text("PhysicalResourceId");
  }

  public JsonNode resourceProperties() {
    return raw.get("ResourceProperties");
  }

  /** Null except on Update. */
  public JsonNode oldResourceProperties() {
    return raw.get("OldResourceProperties");
  }

  /** The wait state of a re-invocation; null for the invocation CloudFormation made. */
  public WaitState waitState() throws MalformedEventException {
    JsonNode marker = raw.get(WAIT_STATE_FIELD);
    if (marker == null || marker.isNull()) {
      return null;
    }
    JsonNode attempt = marker.get("Attempt");
    JsonNode deadline = marker.get("Deadline");
    if (attempt == null
        || !attempt.canConvertToInt()
        || attempt.asInt() < 1
        || deadline == null
        || !deadline.isTextual()) {
      throw new MalformedEventException(
          "The payload's "
              + WAIT_STATE_FIELD
              + " is not {\"Attempt\": n, \"Deadline\": instant}: "
              + marker);
    }
    try {
      return new WaitState(attempt.asInt(), Instant.parse(deadline.asText()));
    } catch (DateTimeParseException e) {
      throw new MalformedEventException(
          "The payload's "
              + WAIT_STATE_FIELD
              + " has an unreadable Deadline: "
              + deadline.asText());
    }
  }

  /**
   * The event as received with {@code next} as its wait state: the payload of the next invocation.
   */
  public ObjectNode withWaitState(WaitState next) {
    ObjectNode copy = raw.deepCopy();
    ObjectNode marker = copy.putObject(WAIT_STATE_FIELD);
    marker.put("Attempt", next.attempt());
    marker.put("Deadline", next.deadline().toString());
    return copy;
  }

  /** The request as the replica logic needs it; only for a known request type. */
  public ReplicaRequest toReplicaRequest(RequestType type) {
    return new ReplicaRequest(
        type, resourceProperties(), oldResourceProperties(), physicalResourceId());
  }

  private String text(String field) {
    JsonNode value = raw.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
