package com.tradeprocessing.globaltable.replica;

/**
 * The resource properties do not describe a replica set this resource can manage. The message is
 * written for the stack's author: it becomes the Reason of the FAILED response.
 */
public final class InvalidReplicaPropertiesException extends Exception {

  public InvalidReplicaPropertiesException(String message) {
    super(message);
  }
}
