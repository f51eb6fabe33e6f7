package com.tradeprocessing.globaltable.cloudformation;

import java.util.Optional;

/** The three CloudFormation custom resource request types. */
public enum RequestType {
  CREATE("Create"),
  UPDATE("Update"),
  DELETE("Delete");

  /** The value CloudFormation sends in {@code RequestType}. */
  private final String wireName;

  RequestType(String wireName) {
    this.wireName = wireName;
  }

  /** The type for a {@code RequestType} value; empty for anything CloudFormation does not send. */
  public static Optional<RequestType> fromWireName(String value) {
    for (RequestType type : values()) {
      if (type.wireName.equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
