package com.tradeprocessing.integration;

import com.tradeprocessing.integration.referencedata.ReferenceDataFault;
import com.tradeprocessing.integration.referencedata.ReferenceDataServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reference-data faults a test injects for instruments of its own, cleared when the test ends so
 * that the next test starts with healthy reference data.
 */
final class BrokenInstruments implements AfterEachCallback {

  private ReferenceDataServer server;

  /** The reference-data API answers requests for the instrument with the fault. */
  void inject(Pipeline pipeline, String isin, ReferenceDataFault fault) {
    server = pipeline.referenceData();
    server.inject(isin, fault);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (server != null) {
      server.clearFaults();
      server = null;
    }
  }
}
