package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.templates.SampleEvents.SourceSystem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/** The rules' event patterns, run in Event Ruler, the matching engine of EventBridge. */
class EventRoutingTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();
  private static final List<SourceSystem> SOURCE_SYSTEMS = SampleEvents.SOURCE_SYSTEMS;

  @Test
  void eventRules_templates_shouldBeOneRulePerSourceSystem() {
    // WHEN
    List<String> matched =
        rules().stream()
            .map(rule -> rule.property("EventPattern"))
            .map(
                pattern ->
                    pattern.path("source").get(0).asText()
                        + "|"
                        + pattern.path("detail-type").get(0).asText())
            .toList();

    // THEN
    assertThat(matched)
        .containsExactlyInAnyOrderElementsOf(
            SOURCE_SYSTEMS.stream()
                .map(system -> system.source() + "|" + system.detailType())
                .toList());
  }

  @Test
  void eventRules_patterns_shouldCompileInEventRuler() {
    // WHEN
    List<String> errors =
        rules().stream()
            .map(rule -> RuleCompiler.check(rule.property("EventPattern").toString()))
            .filter(error -> error != null)
            .toList();

    // THEN
    assertThat(errors).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("SOURCE_SYSTEMS")
  void eventRules_tradeEventOfASource_shouldMatchOnlyThatSourcesRule(SourceSystem system)
      throws Exception {
    // GIVEN
    Machine machine = machineOfTheRules();

    // WHEN
    List<String> matched = machine.rulesForJSONEvent(SampleEvents.event(system, "valid"));

    // THEN
    assertThat(matched).containsExactly(ruleFor(system).logicalId());
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("SOURCE_SYSTEMS")
  void eventRules_eventOfTheRightSourceWithAnotherDetailType_shouldMatchNoRule(SourceSystem system)
      throws Exception {
    // GIVEN
    Machine machine = machineOfTheRules();

    // WHEN
    List<String> matched =
        machine.rulesForJSONEvent(SampleEvents.event(system, "other-detail-type"));

    // THEN
    assertThat(matched).isEmpty();
  }

  @ParameterizedTest(name = "{0} rule, {1} event")
  @MethodSource("otherSourcesEvents")
  void eventRules_ruleOfOneSource_shouldNotMatchAnotherSourcesTradeEvent(
      SourceSystem ruleSystem, SourceSystem eventSystem) throws Exception {
    // GIVEN
    Machine machine = Machine.builder().build();
    Resource rule = ruleFor(ruleSystem);
    machine.addRule(rule.logicalId(), rule.property("EventPattern").toString());

    // WHEN
    List<String> matched = machine.rulesForJSONEvent(SampleEvents.event(eventSystem, "valid"));

    // THEN
    assertThat(matched).isEmpty();
  }

  @Test
  void eventRules_replayedTradeEvent_shouldStartTheStateMachineAgain() throws Exception {
    // GIVEN
    Machine machine = machineOfTheRules();

    // WHEN
    List<String> matched =
        machine.rulesForJSONEvent(SampleEvents.event(SOURCE_SYSTEMS.get(0), "replayed"));

    // THEN
    assertThat(matched).containsExactly(ruleFor(SOURCE_SYSTEMS.get(0)).logicalId());
  }

  @Test
  void eventArchive_pattern_shouldKeepTheTradeEventsOfEverySourceSystem() throws Exception {
    // GIVEN
    Resource archive =
        TEMPLATES.require("orchestration.json").resourcesOfType("AWS::Events::Archive").get(0);
    Machine machine = Machine.builder().build();
    machine.addRule(archive.logicalId(), archive.property("EventPattern").toString());

    // WHEN
    List<List<String>> matched =
        SOURCE_SYSTEMS.stream()
            .map(system -> rulesFor(machine, SampleEvents.event(system, "valid")))
            .toList();

    // THEN
    assertThat(matched).hasSize(3).allMatch(rules -> rules.equals(List.of(archive.logicalId())));
  }

  @ParameterizedTest(name = "{0} -> matched: {1}")
  @CsvSource({
    "FAILED, true",
    "TIMED_OUT, true",
    "ABORTED, true",
    "SUCCEEDED, false",
    "RUNNING, false"
  })
  void failedExecutionRule_statusChangeOfTheTradeStateMachine_shouldMatchOnlyLostEndings(
      String status, boolean matched) throws Exception {
    // GIVEN the rule's pattern as deployed, in Event Ruler
    SampleDeployment deployment = SampleDeployment.inPrimaryRegion(TEMPLATES);
    Resource rule =
        TEMPLATES.require("orchestration.json").resource("FailedExecutionRule").orElseThrow();
    Resource machine =
        TEMPLATES.require("orchestration.json").resource("TradeStateMachine").orElseThrow();
    Machine ruler = Machine.builder().build();
    ruler.addRule(
        rule.logicalId(),
        deployment.evaluate(rule.template(), rule.property("EventPattern")).toString());

    // WHEN
    List<String> ofTradeMachine =
        rulesFor(ruler, statusChange(deployment.refValue(machine), status));
    List<String> ofAnotherMachine =
        rulesFor(
            ruler,
            statusChange(
                "arn:aws:states:us-east-1:123456789012:stateMachine:another-machine", status));

    // THEN
    assertThat(ofTradeMachine).isEqualTo(matched ? List.of(rule.logicalId()) : List.of());
    assertThat(ofAnotherMachine).isEmpty();
  }

  /** A status change event as Step Functions sends it (docs/operations.md cites the example). */
  private static String statusChange(String stateMachineArn, String status) {
    String execution = stateMachineArn.replace(":stateMachine:", ":execution:") + ":e-1";
    return """
        {"version": "0", "id": "315c1398-40ff-a850-213b-158f73e60175",
         "detail-type": "Step Functions Execution Status Change", "source": "aws.states",
         "account": "123456789012", "time": "2026-11-25T09:30:15Z", "region": "us-east-1",
         "resources": ["%1$s"],
         "detail": {"executionArn": "%1$s", "stateMachineArn": "%2$s", "name": "e-1",
                    "status": "%3$s", "startDate": 1795599015000, "stopDate": 1795599016000,
                    "input": "{}", "inputDetails": {"included": true}, "output": null,
                    "outputDetails": null, "error": null, "cause": null}}
        """
        .formatted(execution, stateMachineArn, status);
  }

  static Stream<Arguments> otherSourcesEvents() {
    return SOURCE_SYSTEMS.stream()
        .flatMap(
            rule ->
                SOURCE_SYSTEMS.stream()
                    .filter(event -> event != rule)
                    .map(event -> Arguments.of(rule, event)));
  }

  private static List<Resource> rules() {
    return EventRules.tradeRules(TEMPLATES);
  }

  private static Resource ruleFor(SourceSystem system) {
    return rules().stream()
        .filter(
            rule ->
                rule.property("EventPattern")
                    .path("source")
                    .toString()
                    .contains("\"" + system.source() + "\""))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no rule for " + system.source()));
  }

  private static Machine machineOfTheRules() throws Exception {
    Machine machine = Machine.builder().build();
    for (Resource rule : rules()) {
      machine.addRule(rule.logicalId(), rule.property("EventPattern").toString());
    }
    return machine;
  }

  private static List<String> rulesFor(Machine machine, String event) {
    try {
      JsonNode parsed = Template.MAPPER.readTree(event);
      return machine.rulesForJSONEvent(parsed);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
