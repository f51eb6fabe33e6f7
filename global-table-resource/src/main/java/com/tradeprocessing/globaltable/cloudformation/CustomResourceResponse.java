package com.tradeprocessing.globaltable.cloudformation;

import java.util.Objects;

/**
 * The answer to one CloudFormation request.
 *
 * @param physicalResourceId null lets the response library fall back to the request's id, or on a
 *     Create to the log stream name
 */
public record CustomResourceResponse(
    ResponseStatus status, String physicalResourceId, String reason) {

  public CustomResourceResponse {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }
}
