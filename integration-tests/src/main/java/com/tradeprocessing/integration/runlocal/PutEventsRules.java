package com.tradeprocessing.integration.runlocal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The rules by which EventBridge's PutEvents refuses an entry, so that run-local reports such an
 * input line as AWS would answer it instead of publishing what AWS never would:
 *
 * <ul>
 *   <li>{@code Detail}, {@code DetailType} and {@code Source} are required; {@code Detail} is a
 *       valid JSON object; {@code DetailType} has at most 128 characters
 *       (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html);
 *   <li>an entry is at most 256 KB, counted as the UTF-8 bytes of {@code Source}, {@code
 *       DetailType} and {@code Detail}
 *       (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html);
 *   <li>JSON is processed up to 1,100 levels of nesting, and a JSON integer lies between
 *       -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807
 *       (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
 * </ul>
 */
final class PutEventsRules {

  /** 256 KB, the largest entry. */
  static final int MAX_ENTRY_BYTES = 256 * 1024;

  static final int MAX_DETAIL_TYPE_LENGTH = 128;

  /** Deepest nesting of the detail, the detail object itself being level 1. */
  static final int MAX_DEPTH = 1100;

  private PutEventsRules() {}

  /**
   * Why PutEvents refuses a {@code detail} object (already known to be one); empty if it does not.
   */
  static Optional<String> detailRefusal(JsonNode detail) {
    Deque<JsonNode> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(detail);
    depths.push(1);
    while (!nodes.isEmpty()) {
      JsonNode node = nodes.pop();
      int depth = depths.pop();
      if (depth > MAX_DEPTH) {
        return Optional.of(
            "Detail nests deeper than the " + MAX_DEPTH + " levels PutEvents processes");
      }
      if (node.isIntegralNumber() && !node.canConvertToLong()) {
        return Optional.of(
            "Detail holds the integer "
                + abbreviated(node.asText())
                + ", outside the 64-bit range PutEvents accepts");
      }
      for (JsonNode child : node) {
        if (child.isContainerNode() || child.isIntegralNumber()) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    }
    return Optional.empty();
  }

  /** Why PutEvents refuses an entry for its size or detail-type; empty if it does not. */
  static Optional<String> entryRefusal(String source, String detailType, String detail) {
    if (detailType.length() > MAX_DETAIL_TYPE_LENGTH) {
      return Optional.of(
          "DetailType has "
              + detailType.length()
              + " characters, more than the "
              + MAX_DETAIL_TYPE_LENGTH
              + " PutEvents accepts");
    }
    long bytes = utf8(source) + utf8(detailType) + utf8(detail);
    if (bytes > MAX_ENTRY_BYTES) {
      return Optional.of(
          "the entry is "
              + bytes
              + " bytes, more than the "
              + MAX_ENTRY_BYTES
              + " PutEvents accepts");
    }
    return Optional.empty();
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String abbreviated(String text) {
    return text.length() <= 30
        ? text
        : text.substring(0, 30) + "... (" + text.length() + " digits)";
  }
}
