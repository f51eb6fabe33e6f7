package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterQueueTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();

  @Test
  void
      deadLetterQueues_templates_shouldBeOnePerFunctionOneForTheEventRulesAndOneForLostExecutions() {
    // GIVEN
    SampleDeployment deployment = SampleDeployment.inPrimaryRegion(TEMPLATES);

    // WHEN
    List<String> names =
        TEMPLATES.resourcesOfType("AWS::SQS::Queue").stream()
            .map(queue -> deployment.physicalName(queue).orElseThrow())
            .toList();

    // THEN
    assertThat(names)
        .containsExactlyInAnyOrder(
            "sqs-validator-dlq-dev",
            "sqs-enricher-dlq-dev",
            "sqs-recorder-dlq-dev",
            "sqs-global-table-resource-dlq-dev",
            "sqs-events-dlq-dev",
            "sqs-executions-dlq-dev");
  }

  @Test
  void deadLetterQueueAlarms_actions_shouldNotifyTheMonitoringTopic() {
    // GIVEN
    SampleDeployment deployment = SampleDeployment.inPrimaryRegion(TEMPLATES);
    Resource topic = TEMPLATES.require("monitoring.json").resource("AlarmTopic").orElseThrow();

    // WHEN
    List<String> actions =
        TEMPLATES.resourcesOfType("AWS::SQS::Queue").stream()
            .map(queue -> DeadLetterQueueRules.depthAlarm(queue).orElseThrow())
            .map(alarm -> deployment.text(alarm.template(), alarm.property("AlarmActions").get(0)))
            .toList();

    // THEN
    assertThat(actions).hasSize(6).containsOnly(deployment.refValue(topic));
  }
}
