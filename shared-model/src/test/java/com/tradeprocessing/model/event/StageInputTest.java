package com.tradeprocessing.model.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.fixtures.EventFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StageInputTest {

  private static final String EXECUTION_ID =
      "arn:aws:states:us-east-1:123456789012:execution:sfn-trade-processing-dev:"
          + "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

  private final List<String> notJsonProblems = new ArrayList<>();

  private StageInput read(String input) throws IOException {
    return StageInput.read(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), notJsonProblems::add);
  }

  @Test
  void of_stateMachinePayload_shouldSplitTheEventFromTheExecutionId() {
    // GIVEN
    ObjectNode event = EventFixtures.event(EventFixtures.OMS_VALID);
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.set("event", event);
    payload.put("executionId", EXECUTION_ID);

    // WHEN
    StageInput input = StageInput.of(payload);

    // THEN
    assertThat(input.event()).isEqualTo(event);
    assertThat(input.executionId()).isEqualTo(EXECUTION_ID);
  }

  @Test
  void of_bareEventBridgeEvent_shouldKeepTheWholeEventWithoutAnExecutionId() {
    // GIVEN
    ObjectNode event = EventFixtures.event(EventFixtures.FIX_GATEWAY_VALID);

    // WHEN
    StageInput input = StageInput.of(event);

    // THEN
    assertThat(input.event()).isEqualTo(event);
    assertThat(input.executionId()).isNull();
  }

  static Stream<JsonNode> executionIdsThatAreNone() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    return Stream.of(
        json.textNode(""), json.textNode("   "), json.numberNode(42), json.nullNode(), null);
  }

  @ParameterizedTest
  @MethodSource("executionIdsThatAreNone")
  void of_executionIdBlankNotTextOrAbsent_shouldHaveNoExecutionId(JsonNode executionId) {
    // GIVEN
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.set("event", EventFixtures.event(EventFixtures.PRIME_BROKER_VALID));
    if (executionId != null) {
      payload.set("executionId", executionId);
    }

    // WHEN
    StageInput input = StageInput.of(payload);

    // THEN
    assertThat(input.executionId()).isNull();
    assertThat(input.event()).isEqualTo(EventFixtures.event(EventFixtures.PRIME_BROKER_VALID));
  }

  @Test
  void of_stateMachinePayloadWhoseEventIsNoObject_shouldKeepWhatItHolds() {
    // GIVEN
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("event", "not an event");
    payload.put("executionId", EXECUTION_ID);

    // WHEN
    StageInput input = StageInput.of(payload);

    // THEN
    assertThat(input.event().textValue()).isEqualTo("not an event");
    assertThat(input.executionId()).isEqualTo(EXECUTION_ID);
  }

  @Test
  void of_null_shouldBeAnEmptyEvent() {
    // WHEN
    StageInput input = StageInput.of(null);

    // THEN
    assertThat(input.event().isMissingNode()).isTrue();
    assertThat(input.executionId()).isNull();
  }

  @Test
  void read_stateMachinePayload_shouldReadBothPartsAndReportNothing() throws IOException {
    // GIVEN
    String event = EventFixtures.json(EventFixtures.OMS_VALID);
    String payload = "{\"event\":" + event + ",\"executionId\":\"" + EXECUTION_ID + "\"}";

    // WHEN
    StageInput input = read(payload);

    // THEN
    assertThat(input.event()).isEqualTo(EventFixtures.event(EventFixtures.OMS_VALID));
    assertThat(input.executionId()).isEqualTo(EXECUTION_ID);
    assertThat(notJsonProblems).isEmpty();
  }

  @Test
  void read_inputNotJson_shouldBeAnEmptyEventAndReportWhereParsingFailedWithoutThePayload()
      throws IOException {
    // WHEN
    StageInput input = read("ACC-4711 json at all");

    // THEN
    assertThat(input.event().isMissingNode()).isTrue();
    assertThat(input.executionId()).isNull();
    assertThat(notJsonProblems)
        .singleElement()
        .asString()
        .matches("Json[A-Za-z]*Exception at line 1, column [0-9]+")
        .doesNotContain("ACC-4711");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " \n "})
  void read_emptyInput_shouldBeAnEmptyEventAndReportNothing(String empty) throws IOException {
    // WHEN
    StageInput input = read(empty);

    // THEN
    assertThat(input.event().isMissingNode()).isTrue();
    assertThat(input.executionId()).isNull();
    assertThat(notJsonProblems).isEmpty();
  }

  @Test
  void read_streamFailing_shouldThrowItsIoException() {
    // GIVEN
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            throw new IOException("connection reset");
          }
        };

    // WHEN / THEN
    assertThatThrownBy(() -> StageInput.read(failing, notJsonProblems::add))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("connection reset");
    assertThat(notJsonProblems).isEmpty();
  }
}
