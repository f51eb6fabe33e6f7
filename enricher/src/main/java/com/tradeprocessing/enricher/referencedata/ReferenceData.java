package com.tradeprocessing.enricher.referencedata;

import com.tradeprocessing.enricher.ReferenceDataContractException;
import com.tradeprocessing.enricher.ReferenceDataEndpointException;
import com.tradeprocessing.enricher.ReferenceDataUnavailableException;
import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.Mic;
import java.util.Optional;

/**
 * Reads instruments and venues. An identifier the source does not know is an empty result, not an
 * error; faults are {@link ReferenceDataUnavailableException} (may pass, retried), {@link
 * ReferenceDataContractException} and {@link ReferenceDataEndpointException} (do not pass).
 */
public interface ReferenceData {

  Optional<Instrument> instrument(Isin isin);

  Optional<Venue> venue(Mic mic);
}
