package com.tradeprocessing.globaltable.cloudformation;

/**
 * The invocation payload is not a CloudFormation custom resource event this function can act on.
 */
public final class MalformedEventException extends Exception {

  public MalformedEventException(String message) {
    super(message);
  }
}
