package com.tradeprocessing.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.fixtures.EventFixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventLimitsTest {

  @Test
  void detailBytes_detail_shouldBeTheUtf8LengthOfItsCompactJson() throws Exception {
    // GIVEN
    ObjectNode detail = JsonNodeFactory.instance.objectNode().put("tradeId", "é\u0000");

    // WHEN
    long bytes = EventLimits.detailBytes(detail);

    // THEN: {"tradeId":"é\u0000"}, where é is two bytes and NUL is written as a six-byte escape
    assertThat(bytes).isEqualTo("{\"tradeId\":\"\"}".length() + 2 + 6);
  }

  @Test
  void detailBytes_characterOutsideTheBasicPlane_shouldCountItsFourUtf8Bytes() {
    // GIVEN
    ObjectNode detail = JsonNodeFactory.instance.objectNode().put("trader", "\ud83d\ude00");

    // WHEN / THEN
    assertThat(EventLimits.detailBytes(detail)).isEqualTo("{\"trader\":\"\"}".length() + 4);
  }

  @Test
  void isTooLarge_detailAtTheLimit_shouldPassAndOneByteMoreShouldNot() {
    // GIVEN
    ObjectNode detail = EventFixtures.detailObject(EventFixtures.OMS_VALID);
    detail.put("symbol", "");
    long base = EventLimits.detailBytes(detail);
    String padding = "x".repeat((int) (EventLimits.MAX_DETAIL_BYTES - base));
    ObjectNode atLimit = detail.deepCopy().put("symbol", padding);
    ObjectNode aboveLimit = detail.deepCopy().put("symbol", padding + "x");

    // WHEN / THEN
    assertThat(EventLimits.detailBytes(atLimit)).isEqualTo(EventLimits.MAX_DETAIL_BYTES);
    assertThat(EventLimits.isTooLarge(atLimit)).isFalse();
    assertThat(EventLimits.isTooLarge(aboveLimit)).isTrue();
    assertThat(atLimit.toString().getBytes(StandardCharsets.UTF_8)).hasSize(32 * 1024);
  }
}
