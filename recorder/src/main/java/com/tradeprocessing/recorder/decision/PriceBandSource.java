package com.tradeprocessing.recorder.decision;

/** Where the current price band comes from (SSM in production, a constant in tests). */
public interface PriceBandSource {

  /** The band to decide with now. Throws when no band can be obtained at all. */
  PriceBand current();
}
