package com.tradeprocessing.model;

/** Whether the firm bought or sold. */
public enum Side {
  BUY,
  SELL
}
