package com.tradeprocessing.globaltable;

/** The Status of a custom resource response. */
public enum ResponseStatus {
  SUCCESS,
  FAILED
}
