package com.tradeprocessing.model.source;

import com.tradeprocessing.model.Mic;
import com.tradeprocessing.model.Price;
import com.tradeprocessing.model.Quantity;
import com.tradeprocessing.model.Side;
import com.tradeprocessing.model.source.PayloadReader.NumberForm;
import java.util.SequencedMap;

/**
 * A trade's side, quantity, price and venue as read from a payload, {@code null} where a field was
 * missing or invalid.
 */
record Economics(Side side, Quantity quantity, Price price, Mic venue) {

  /**
   * Where a source system keeps the economics and how it writes them.
   *
   * @param sideCodes the source's own codes for buy and sell ({@link PayloadReader#sideCodes})
   * @param numbers how the source writes quantity and price
   */
  record Fields(
      String side,
      SequencedMap<String, Side> sideCodes,
      String quantity,
      String price,
      String currency,
      String venue,
      NumberForm numbers) {

    /** Reads side, quantity, price, currency and venue, the order their problems are listed in. */
    Economics read(PayloadReader in) {
      Side readSide = in.side(side, sideCodes);
      Quantity readQuantity = in.quantity(quantity, numbers);
      Price readPrice = PayloadReader.price(in.priceAmount(price, numbers), in.currency(currency));
      return new Economics(readSide, readQuantity, readPrice, in.venue(venue));
    }
  }
}
