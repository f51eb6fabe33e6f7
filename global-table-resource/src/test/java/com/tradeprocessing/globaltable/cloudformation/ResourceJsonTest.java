package com.tradeprocessing.globaltable.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ResourceJsonTest {

  @Test
  void mapper_requestWithDecimalsAndLargeNumbers_shouldWriteItBackUnchanged() throws Exception {
    // GIVEN a request whose properties hold numbers a double would change
    String request =
        "{\"RequestType\":\"Create\",\"ResourceProperties\":"
            + "{\"Ratio\":1.10,\"Big\":12345678901234567890123,\"Small\":0.1000000000000000055511151231257827}}";

    // WHEN
    JsonNode tree = ResourceJson.mapper().readTree(request);
    String written = ResourceJson.mapper().writeValueAsString(tree);

    // THEN
    assertThat(written).isEqualTo(request);
  }
}
