package com.tradeprocessing.globaltable.cloudformation;

/** The Status of a custom resource response. */
public enum ResponseStatus {
  SUCCESS,
  FAILED
}
