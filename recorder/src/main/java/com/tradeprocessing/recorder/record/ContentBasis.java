package com.tradeprocessing.recorder.record;

/** What a record's content hash is computed over. */
public enum ContentBasis {
  /** The canonical trade's economic fields: the payload mapped to a complete trade. */
  ECONOMIC_FIELDS,
  /** The raw payload: it did not map to a complete trade, so there are no economic fields. */
  RAW_PAYLOAD
}
