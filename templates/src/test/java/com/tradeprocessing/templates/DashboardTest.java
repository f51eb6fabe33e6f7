package com.tradeprocessing.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operations dashboard of monitoring.json shows only metrics that something of this platform
 * emits, in the region it is deployed to, and shows every one the runbook relies on:
 *
 * <ul>
 *   <li>{@code TradeProcessing}: the recorder's EMF metrics, their names read from the recorder's
 *       code (EmfRecordingMetrics), their namespace and Service from the recorder function's
 *       environment; {@code ReasonCode} only on {@code Rejected};
 *   <li>{@code AWS/Lambda} {@code Duration} and {@code Errors} of the functions the templates
 *       deploy (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html);
 *   <li>{@code LambdaInsights} {@code init_duration} and {@code memory_utilization}, by {@code
 *       function_name}, only for functions whose role has the Lambda Insights policy
 *       (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Lambda-Insights-example-event.html);
 *   <li>{@code AWS/States} execution counts by the deployed state machine's ARN
 *       (https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html);
 *   <li>{@code AWS/SQS} {@code ApproximateNumberOfMessagesVisible} of the queues deployed in the
 *       region;
 *   <li>{@code AWS/DynamoDB} {@code ReplicationLatency} by {@code TableName} and {@code
 *       ReceivingRegion}, the other region of the global table
 *       (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_monitoring.html).
 * </ul>
 *
 * The body's format:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html.
 */
class DashboardTest {

  private static final TemplateSet TEMPLATES = ProjectTemplates.all();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EMF_METRICS =
      ProjectTemplates.DIRECTORY.resolveSibling(
          "recorder/src/main/java/com/tradeprocessing/recorder/metrics/EmfRecordingMetrics.java");
  private static final Pattern CONSTANT =
      Pattern.compile("public static final String (\\w+) = \"([^\"]+)\";");
  private static final Pattern SEARCH = Pattern.compile("SEARCH\\('\\{([^}]*)\\}([^']*)',");
  private static final Pattern SEARCH_TERM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final String INSIGHTS_POLICY = "CloudWatchLambdaInsightsExecutionRolePolicy";

  /** One series of a widget: namespace, metric name, dimensions (a search fixes only some). */
  record Series(String namespace, String metric, Map<String, String> dimensions, boolean search) {
    @Override
    public String toString() {
      return namespace + " " + metric + " " + dimensions + (search ? " (search)" : "");
    }
  }

  @Test
  void dashboard_inEachRegion_shouldShowOnlyMetricsThatThePlatformEmits() throws IOException {
    for (SampleDeployment deployment :
        List.of(
            SampleDeployment.inPrimaryRegion(TEMPLATES),
            SampleDeployment.inReplicaRegion(TEMPLATES))) {
      // GIVEN the dashboard as CloudFormation resolves it in the region
      JsonNode body = body(deployment);

      // WHEN each series is checked against what the templates and the code emit
      List<String> unsent = unsent(series(body), deployment);

      // THEN none is on a metric nothing sends
      assertThat(unsent).as(deployment.region()).isEmpty();
    }
  }

  @Test
  void dashboard_inEachRegion_shouldShowEveryMetricTheRunbookReliesOn() {
    for (SampleDeployment deployment :
        List.of(
            SampleDeployment.inPrimaryRegion(TEMPLATES),
            SampleDeployment.inReplicaRegion(TEMPLATES))) {
      List<Series> shown = series(body(deployment));
      Set<String> metrics = new TreeSet<>();
      shown.forEach(s -> metrics.add(s.namespace() + "/" + s.metric()));

      assertThat(metrics)
          .as(deployment.region())
          .contains(
              "TradeProcessing/Accepted",
              "TradeProcessing/Rejected",
              "AWS/States/ExecutionsStarted",
              "AWS/States/ExecutionsFailed",
              "AWS/States/ExecutionsTimedOut",
              "AWS/States/ExecutionThrottled",
              "AWS/DynamoDB/ReplicationLatency",
              "LambdaInsights/init_duration",
              "LambdaInsights/memory_utilization");
      assertThat(shown)
          .as("rejections by reason code")
          .anyMatch(
              s ->
                  s.search()
                      && s.metric().equals("Rejected")
                      && s.dimensions().containsKey("ReasonCode"));
      for (String function : stageFunctions(deployment)) {
        for (String metric : List.of("Duration", "Errors")) {
          assertThat(shown)
              .as(function + " " + metric)
              .anyMatch(
                  s ->
                      s.metric().equals(metric)
                          && function.equals(s.dimensions().get("FunctionName")));
        }
      }
      for (String queue : deadLetterQueues(deployment)) {
        assertThat(shown)
            .as(deployment.region() + " depth of " + queue)
            .anyMatch(s -> queue.equals(s.dimensions().get("QueueName")));
      }
    }
  }

  @Test
  void dashboard_withAWidgetOnAMetricNothingSends_shouldBeRefused() {
    // GIVEN the primary region's dashboard with a series of a metric the recorder never emits, and
    // one of a queue that is not deployed
    SampleDeployment deployment = SampleDeployment.inPrimaryRegion(TEMPLATES);
    ObjectNode body = (ObjectNode) body(deployment).deepCopy();
    ArrayNode metrics = (ArrayNode) body.path("widgets").get(1).path("properties").path("metrics");
    metrics.add(
        JSON.createArrayNode()
            .add("TradeProcessing")
            .add("Settled")
            .add("Service")
            .add("recorder"));
    metrics.add(
        JSON.createArrayNode()
            .add("AWS/SQS")
            .add("ApproximateNumberOfMessagesVisible")
            .add("QueueName")
            .add("sqs-orders-dlq-dev"));

    // WHEN it is checked
    List<String> unsent = unsent(series(body), deployment);

    // THEN both series are named
    assertThat(unsent)
        .hasSize(2)
        .anyMatch(line -> line.contains("Settled"))
        .anyMatch(line -> line.contains("sqs-orders-dlq-dev"));
  }

  private static JsonNode body(SampleDeployment deployment) {
    Resource dashboard =
        TEMPLATES.resourcesOfType("AWS::CloudWatch::Dashboard").stream()
            .filter(deployment::deployed)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no dashboard in " + deployment.region()));
    String text = deployment.text(dashboard.template(), dashboard.property("DashboardBody"));
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("the dashboard body is not JSON: " + text, e);
    }
  }

  static List<Series> series(JsonNode body) {
    List<Series> series = new ArrayList<>();
    for (JsonNode widget : body.path("widgets")) {
      if (!"metric".equals(widget.path("type").asText())) {
        continue;
      }
      for (JsonNode entry : widget.path("properties").path("metrics")) {
        if (entry.size() == 1 && entry.get(0).has("expression")) {
          series.add(search(entry.get(0).path("expression").asText()));
          continue;
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (int i = 2; i + 1 < entry.size() && entry.get(i).isTextual(); i += 2) {
          dimensions.put(entry.get(i).asText(), entry.get(i + 1).asText());
        }
        series.add(new Series(entry.get(0).asText(), entry.get(1).asText(), dimensions, false));
      }
    }
    return series;
  }

  /** A SEARCH expression: its schema's namespace and dimension names, its fixed terms. */
  private static Series search(String expression) {
    Matcher matcher = SEARCH.matcher(expression);
    if (!matcher.find()) {
      throw new AssertionError("an expression that is not a SEARCH: " + expression);
    }
    String[] schema = matcher.group(1).split(",");
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (int i = 1; i < schema.length; i++) {
      dimensions.put(schema[i].trim(), null);
    }
    String metric = null;
    Matcher term = SEARCH_TERM.matcher(matcher.group(2));
    while (term.find()) {
      if (term.group(1).equals("MetricName")) {
        metric = term.group(2);
      } else {
        dimensions.put(term.group(1), term.group(2));
      }
    }
    return new Series(schema[0].trim(), metric, dimensions, true);
  }

  /** Every series whose metric, with its dimensions, nothing of the deployment emits. */
  private static List<String> unsent(List<Series> series, SampleDeployment deployment) {
    Map<String, String> emf;
    try {
      emf = emfConstants();
    } catch (IOException e) {
      throw new AssertionError("cannot read " + EMF_METRICS, e);
    }
    Set<String> emfMetrics =
        Set.of(emf.get("ACCEPTED"), emf.get("REJECTED"), emf.get("DUPLICATE"), emf.get("REPLAYED"));
    Map<String, String> recorder = recorderEnvironment(deployment);
    Set<String> functions = functions(deployment);
    Set<String> insights = insightsFunctions(deployment);
    Set<String> queues = queues(deployment);
    Set<String> tables = tables(deployment);
    Set<String> machines = new LinkedHashSet<>();
    TEMPLATES.resourcesOfType("AWS::StepFunctions::StateMachine").stream()
        .filter(deployment::deployed)
        .forEach(machine -> machines.add(deployment.refValue(machine)));
    String otherRegion =
        deployment.region().equals(SampleDeployment.PRIMARY_REGION)
            ? SampleDeployment.REPLICA_REGION
            : SampleDeployment.PRIMARY_REGION;

    List<String> unsent = new ArrayList<>();
    for (Series s : series) {
      Map<String, String> d = s.dimensions();
      boolean sent =
          switch (s.namespace()) {
            case "AWS/Lambda" ->
                Set.of("Duration", "Errors", "Invocations", "Throttles").contains(s.metric())
                    && d.keySet().equals(Set.of("FunctionName"))
                    && functions.contains(d.get("FunctionName"));
            case "LambdaInsights" ->
                Set.of("init_duration", "memory_utilization", "used_memory_max")
                        .contains(s.metric())
                    && d.keySet().equals(Set.of("function_name"))
                    && insights.contains(d.get("function_name"));
            case "AWS/States" ->
                Set.of(
                            "ExecutionsStarted",
                            "ExecutionsFailed",
                            "ExecutionsTimedOut",
                            "ExecutionThrottled",
                            "ExecutionsAborted",
                            "ExecutionsSucceeded")
                        .contains(s.metric())
                    && d.keySet().equals(Set.of("StateMachineArn"))
                    && machines.contains(d.get("StateMachineArn"));
            case "AWS/SQS" ->
                s.metric().equals("ApproximateNumberOfMessagesVisible")
                    && d.keySet().equals(Set.of("QueueName"))
                    && queues.contains(d.get("QueueName"));
            case "AWS/DynamoDB" ->
                s.metric().equals("ReplicationLatency")
                    && d.keySet().equals(Set.of("TableName", "ReceivingRegion"))
                    && tables.contains(d.get("TableName"))
                    && otherRegion.equals(d.get("ReceivingRegion"));
            default ->
                s.namespace().equals(recorder.get("POWERTOOLS_METRICS_NAMESPACE"))
                    && emfMetrics.contains(s.metric())
                    && recorder.get("POWERTOOLS_SERVICE_NAME").equals(d.get("Service"))
                    && (d.keySet().equals(Set.of("Service"))
                        || (s.metric().equals(emf.get("REJECTED"))
                            && d.keySet()
                                .equals(Set.of("Service", emf.get("REASON_CODE_DIMENSION")))));
          };
      if (!sent) {
        unsent.add(s.toString());
      }
    }
    return unsent;
  }

  /** The recorder's metric names and dimension, as its code declares them. */
  private static Map<String, String> emfConstants() throws IOException {
    Map<String, String> constants = new HashMap<>();
    Matcher matcher = CONSTANT.matcher(Files.readString(EMF_METRICS));
    while (matcher.find()) {
      constants.put(matcher.group(1), matcher.group(2));
    }
    assertThat(constants)
        .containsKeys("ACCEPTED", "REJECTED", "DUPLICATE", "REPLAYED", "REASON_CODE_DIMENSION");
    return constants;
  }

  private static Map<String, String> recorderEnvironment(SampleDeployment deployment) {
    Resource recorder =
        TEMPLATES.resourcesOfType("AWS::Lambda::Function").stream()
            .filter(function -> function.logicalId().equals("RecorderFunction"))
            .findFirst()
            .orElseThrow();
    JsonNode variables =
        deployment.evaluate(
            recorder.template(), recorder.property("Environment").path("Variables"));
    Map<String, String> environment = new HashMap<>();
    variables
        .properties()
        .forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
    return environment;
  }

  private static Set<String> functions(SampleDeployment deployment) {
    return names(deployment, "AWS::Lambda::Function");
  }

  private static Set<String> stageFunctions(SampleDeployment deployment) {
    Set<String> stages = new LinkedHashSet<>();
    for (String logicalId : List.of("ValidatorFunction", "EnricherFunction", "RecorderFunction")) {
      TEMPLATES.resourcesOfType("AWS::Lambda::Function").stream()
          .filter(function -> function.logicalId().equals(logicalId))
          .filter(deployment::deployed)
          .forEach(function -> stages.add(deployment.physicalName(function).orElseThrow()));
    }
    return stages;
  }

  /**
   * Functions whose execution role has the Lambda Insights policy (their images carry the agent).
   */
  private static Set<String> insightsFunctions(SampleDeployment deployment) {
    Set<String> names = new LinkedHashSet<>();
    for (Resource function : TEMPLATES.resourcesOfType("AWS::Lambda::Function")) {
      if (!deployment.deployed(function)) {
        continue;
      }
      String roleLogicalId = function.property("Role").path("Fn::GetAtt").path(0).asText();
      function
          .template()
          .resource(roleLogicalId)
          .filter(
              role ->
                  deployment
                      .evaluate(role.template(), role.property("ManagedPolicyArns"))
                      .toString()
                      .contains(INSIGHTS_POLICY))
          .ifPresent(role -> names.add(deployment.physicalName(function).orElseThrow()));
    }
    return names;
  }

  /**
   * The trades table in this region: the table where the storage stack is deployed, and the
   * replicas that the global table's custom resource of the primary region adds here.
   */
  private static Set<String> tables(SampleDeployment deployment) {
    Set<String> tables = names(deployment, "AWS::DynamoDB::Table");
    SampleDeployment primary = SampleDeployment.inPrimaryRegion(TEMPLATES);
    for (Resource replica : TEMPLATES.resourcesOfType("Custom::GlobalTableReplica")) {
      if (primary.deployed(replica)
          && primary
              .evaluate(replica.template(), replica.property("ReplicaRegions"))
              .toString()
              .contains("\"" + deployment.region() + "\"")) {
        tables.add(primary.text(replica.template(), replica.property("TableName")));
      }
    }
    return tables;
  }

  private static Set<String> queues(SampleDeployment deployment) {
    return names(deployment, "AWS::SQS::Queue");
  }

  private static Set<String> deadLetterQueues(SampleDeployment deployment) {
    Set<String> queues = new LinkedHashSet<>(queues(deployment));
    queues.removeIf(name -> !name.contains("-dlq-"));
    return queues;
  }

  private static Set<String> names(SampleDeployment deployment, String type) {
    Set<String> names = new LinkedHashSet<>();
    TEMPLATES.resourcesOfType(type).stream()
        .filter(deployment::deployed)
        .forEach(resource -> deployment.physicalName(resource).ifPresent(names::add));
    return names;
  }
}
