package com.tradeprocessing.recorder.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.json.TradeJson;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items in the DynamoDB JSON wire form, for scripting responses of a fake DynamoDB endpoint. */
final class DynamoJson {

  private DynamoJson() {}

  static ObjectNode item(Map<String, AttributeValue> item) {
    ObjectNode json = TradeJson.mapper().createObjectNode();
    item.forEach((name, value) -> json.set(name, value(value)));
    return json;
  }

  private static JsonNode value(AttributeValue value) {
    ObjectNode json = TradeJson.mapper().createObjectNode();
    switch (value.type()) {
      case S -> json.put("S", value.s());
      case N -> json.put("N", value.n());
      case L -> {
        ArrayNode list = json.putArray("L");
        value.l().forEach(element -> list.add(value(element)));
      }
      case M -> json.set("M", item(value.m()));
      default -> throw new IllegalArgumentException("not used by trade records: " + value.type());
    }
    return json;
  }
}
