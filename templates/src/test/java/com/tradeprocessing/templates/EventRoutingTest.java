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

  @Test
  void eventRules_all_shouldMatchExactlyOneSourceAndDetailType() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = EventRules.ONE_SOURCE_AND_DETAIL_TYPE_PER_RULE.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void eventRules_all_shouldListenOnTheCustomBus() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = EventRules.RULES_ON_CUSTOM_BUS.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void eventRules_targets_shouldStartTheStateMachineWithARoleRetriesAndADeadLetterQueue() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = EventRules.TARGETS_STATE_MACHINE_RELIABLY.check(templates);

    // THEN
    assertThat(violations).isEmpty();
  }

  @Test
  void eventBus_custom_shouldBeArchivedForReplay() {
    // GIVEN
    TemplateSet templates = ProjectTemplates.all();

    // WHEN
    List<String> violations = EventRules.BUS_ARCHIVED.check(templates);

    // THEN
    assertThat(violations).isEmpty();
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
    return TEMPLATES.resourcesOfType("AWS::Events::Rule");
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
