package com.tradeprocessing.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.model.json.TradeJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Invokes a function's stream handler as the Lambda runtime does, for the handlers' tests. */
public final class StreamHandlers {

  private StreamHandlers() {}

  /** What {@code handler} writes for {@code input}, read as JSON. */
  public static JsonNode invoke(RequestStreamHandler handler, String input, Context context)
      throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), output, context);
    return TradeJson.mapper().readTree(output.toByteArray());
  }
}
