package com.tradeprocessing.integration.provision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tradeprocessing.integration.platform.BackendClients;
import com.tradeprocessing.templates.Resource;
import com.tradeprocessing.templates.SampleDeployment;
import com.tradeprocessing.templates.StateMachineDefinition;
import com.tradeprocessing.templates.Template;
import com.tradeprocessing.templates.TemplateSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.eventbridge.model.CreateEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.TracingConfiguration;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Creates in a backend, through the SDK, the resources that the templates deploy in one region,
 * from the templates' own definitions: SSM parameters, queues, the table, roles, functions (image,
 * {@code ImageConfig.Command}, environment, timeout, memory), the event bus, its archive, its rules
 * with their patterns and targets, and the state machine with its {@code DefinitionSubstitutions}
 * applied. Every value goes through {@link SampleDeployment}, which follows parameters and outputs
 * through the nested stacks, so the local system cannot drift from what CloudFormation deploys.
 *
 * <p>CloudFormation itself is not used: moto's CreateStack silently drops or changes properties
 * (ADR 0010). Resources without a local meaning (network, keys, alarms, log groups, custom
 * resources) are listed in {@link Deployment#skipped()}.
 */
public final class TemplateProvisioner {

  /** The entry template of a regional deployment. */
  public static final String ROOT_TEMPLATE = "root.json";

  private static final List<String> ORDER =
      List.of(
          "AWS::SSM::Parameter",
          "AWS::SQS::Queue",
          "AWS::DynamoDB::Table",
          "AWS::IAM::Role",
          "AWS::Lambda::Function",
          "AWS::Events::EventBus",
          "AWS::Events::Archive",
          "AWS::StepFunctions::StateMachine",
          "AWS::Events::Rule");

  private final BackendClients clients;
  private final FunctionDeployer functions;
  private final Consumer<String> log;
  private final ObjectMapper json = new ObjectMapper();

  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, String> queueUrls = new LinkedHashMap<>();
  private final Map<String, String> arns = new LinkedHashMap<>();

  /** Sample Ref and ARN values of the evaluation, by the values the backend gave instead. */
  private final Map<String, String> actualValues = new HashMap<>();

  private final List<String> skipped = new ArrayList<>();

  public TemplateProvisioner(
      BackendClients clients, FunctionDeployer functions, Consumer<String> log) {
    this.clients = clients;
    this.functions = functions;
    this.log = log;
  }

  /** Provisions every resource of the templates nested under {@value #ROOT_TEMPLATE}. */
  public Deployment provision(SampleDeployment deployment, String environmentSuffix) {
    TemplateSet templates = deployment.templates();
    List<Resource> resources = new ArrayList<>();
    for (Template template : nestedUnder(templates, templates.require(ROOT_TEMPLATE))) {
      for (Resource resource : template.resources()) {
        if (!deployment.deployed(resource)) {
          continue;
        }
        if (ORDER.contains(resource.type())) {
          resources.add(resource);
        } else if (!resource.type().equals("AWS::CloudFormation::Stack")) {
          skipped.add(resource.where() + " (" + resource.type() + ")");
        }
      }
    }
    resources.sort(java.util.Comparator.comparingInt(resource -> ORDER.indexOf(resource.type())));
    List<String> stateMachineFunctions = new ArrayList<>();
    for (Resource resource : resources) {
      switch (resource.type()) {
        case "AWS::SSM::Parameter" -> parameter(deployment, resource);
        case "AWS::SQS::Queue" -> queue(deployment, resource);
        case "AWS::DynamoDB::Table" -> table(deployment, resource);
        case "AWS::IAM::Role" -> role(deployment, resource);
        case "AWS::Lambda::Function" -> function(deployment, resource);
        case "AWS::Events::EventBus" -> eventBus(deployment, resource);
        case "AWS::Events::Archive" -> archive(deployment, resource);
        case "AWS::StepFunctions::StateMachine" ->
            stateMachineFunctions.addAll(stateMachine(deployment, resource));
        case "AWS::Events::Rule" -> rule(deployment, resource);
        default -> throw new IllegalStateException("unexpected type " + resource.type());
      }
    }
    return new Deployment(
        environmentSuffix, names, queueUrls, arns, stateMachineFunctions, skipped);
  }

  private static List<Template> nestedUnder(TemplateSet templates, Template root) {
    List<Template> result = new ArrayList<>();
    result.add(root);
    for (Resource stack : root.resourcesOfType("AWS::CloudFormation::Stack")) {
      templates
          .template(stack.property("TemplateURL").asText())
          .ifPresent(child -> result.addAll(nestedUnder(templates, child)));
    }
    return result;
  }

  private void parameter(SampleDeployment deployment, Resource resource) {
    JsonNode properties = evaluated(deployment, resource);
    String name = properties.path("Name").asText();
    String value = properties.path("Value").asText();
    var request =
        software.amazon.awssdk.services.ssm.model.PutParameterRequest.builder()
            .name(name)
            .value(value)
            .type(ParameterType.fromValue(properties.path("Type").asText("String")))
            .overwrite(true);
    text(properties, "Description").ifPresent(request::description);
    text(properties, "Tier").ifPresent(tier -> request.tier(ParameterTier.fromValue(tier)));
    Optional<String> allowedPattern = text(properties, "AllowedPattern");
    if (allowedPattern.isPresent()) {
      if (Pattern.compile(allowedPattern.get()).matcher(value).find()) {
        request.allowedPattern(allowedPattern.get());
      } else {
        log.accept(
            "local deviation: SSM parameter "
                + name
                + " = "
                + value
                + " does not match its AllowedPattern "
                + allowedPattern.get()
                + "; created without the pattern");
      }
    }
    clients.ssm().putParameter(request.build());
    names.put(resource.logicalId(), name);
  }

  private void queue(SampleDeployment deployment, Resource resource) {
    JsonNode properties = evaluated(deployment, resource);
    String name = properties.path("QueueName").asText();
    Map<String, String> attributes = new LinkedHashMap<>();
    properties
        .properties()
        .forEach(
            entry -> {
              if (!entry.getKey().equals("QueueName") && !entry.getKey().equals("Tags")) {
                JsonNode value = entry.getValue();
                attributes.put(
                    entry.getKey(), value.isValueNode() ? value.asText() : value.toString());
              }
            });
    String url =
        clients
            .sqs()
            .createQueue(request -> request.queueName(name).attributesWithStrings(attributes))
            .queueUrl();
    String arn =
        clients
            .sqs()
            .getQueueAttributes(
                request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    created(deployment, resource, name, url, arn);
    queueUrls.put(resource.logicalId(), url);
  }

  private void table(SampleDeployment deployment, Resource resource) {
    JsonNode properties = evaluated(deployment, resource);
    String name = properties.path("TableName").asText();
    BillingMode billing =
        BillingMode.fromValue(properties.path("BillingMode").asText("PROVISIONED"));
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(name)
            .billingMode(billing)
            .attributeDefinitions(
                list(properties.path("AttributeDefinitions")).stream()
                    .map(
                        definition ->
                            AttributeDefinition.builder()
                                .attributeName(definition.path("AttributeName").asText())
                                .attributeType(definition.path("AttributeType").asText())
                                .build())
                    .toList())
            .keySchema(keySchema(properties.path("KeySchema")));
    if (properties.has("GlobalSecondaryIndexes")) {
      request.globalSecondaryIndexes(
          list(properties.path("GlobalSecondaryIndexes")).stream()
              .map(index -> globalSecondaryIndex(index, billing))
              .toList());
    }
    if (billing == BillingMode.PROVISIONED) {
      request.provisionedThroughput(throughput(properties.path("ProvisionedThroughput")));
    }
    if (properties.has("StreamSpecification")) {
      request.streamSpecification(
          StreamSpecification.builder()
              .streamEnabled(true)
              .streamViewType(
                  properties.path("StreamSpecification").path("StreamViewType").asText())
              .build());
    }
    if (properties.has("SSESpecification")) {
      JsonNode sse = properties.path("SSESpecification");
      SSESpecification.Builder specification =
          SSESpecification.builder().enabled(sse.path("SSEEnabled").asBoolean(false));
      text(sse, "SSEType").ifPresent(specification::sseType);
      text(sse, "KMSMasterKeyId").ifPresent(specification::kmsMasterKeyId);
      request.sseSpecification(specification.build());
    }
    text(properties, "TableClass").ifPresent(request::tableClass);
    if (properties.has("DeletionProtectionEnabled")) {
      request.deletionProtectionEnabled(properties.path("DeletionProtectionEnabled").asBoolean());
    }
    String arn = clients.dynamoDb().createTable(request.build()).tableDescription().tableArn();
    if (properties
        .path("PointInTimeRecoverySpecification")
        .path("PointInTimeRecoveryEnabled")
        .asBoolean(false)) {
      clients
          .dynamoDb()
          .updateContinuousBackups(
              update ->
                  update
                      .tableName(name)
                      .pointInTimeRecoverySpecification(
                          pitr -> pitr.pointInTimeRecoveryEnabled(true)));
    }
    created(deployment, resource, name, name, arn);
  }

  private void role(SampleDeployment deployment, Resource resource) {
    JsonNode properties = evaluated(deployment, resource);
    String name = properties.path("RoleName").asText();
    CreateRoleRequest.Builder request =
        CreateRoleRequest.builder()
            .roleName(name)
            .assumeRolePolicyDocument(properties.path("AssumeRolePolicyDocument").toString());
    text(properties, "Description").ifPresent(request::description);
    text(properties, "Path").ifPresent(request::path);
    String arn = clients.iam().createRole(request.build()).role().arn();
    for (JsonNode policy : list(properties.path("Policies"))) {
      clients
          .iam()
          .putRolePolicy(
              put ->
                  put.roleName(name)
                      .policyName(policy.path("PolicyName").asText())
                      .policyDocument(policy.path("PolicyDocument").toString()));
    }
    created(deployment, resource, name, name, arn);
  }

  private void function(SampleDeployment deployment, Resource resource) {
    JsonNode properties = translated(evaluated(deployment, resource));
    String name = properties.path("FunctionName").asText();
    Map<String, String> environment = new LinkedHashMap<>();
    properties
        .path("Environment")
        .path("Variables")
        .properties()
        .forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
    List<String> command = new ArrayList<>();
    properties.path("ImageConfig").path("Command").forEach(item -> command.add(item.asText()));
    List<String> architectures = new ArrayList<>();
    properties.path("Architectures").forEach(item -> architectures.add(item.asText()));
    JsonNode logging = properties.path("LoggingConfig");
    FunctionSpec spec =
        new FunctionSpec(
            resource.logicalId(),
            name,
            properties.path("Description").asText(""),
            properties.path("Role").asText(),
            properties.path("Code").path("ImageUri").asText(),
            command,
            environment,
            properties.path("Timeout").asInt(3),
            properties.path("MemorySize").asInt(128),
            architectures,
            text(properties.path("DeadLetterConfig"), "TargetArn"),
            text(properties.path("TracingConfig"), "Mode"),
            text(logging, "LogGroup"),
            text(logging, "LogFormat"),
            text(logging, "ApplicationLogLevel"),
            text(logging, "SystemLogLevel"));
    String arn = functions.create(spec);
    created(deployment, resource, name, name, arn);
  }

  private void eventBus(SampleDeployment deployment, Resource resource) {
    JsonNode properties = evaluated(deployment, resource);
    String name = properties.path("Name").asText();
    CreateEventBusRequest.Builder request = CreateEventBusRequest.builder().name(name);
    text(properties, "Description").ifPresent(request::description);
    String arn = clients.eventBridge().createEventBus(request.build()).eventBusArn();
    created(deployment, resource, name, name, arn);
  }

  /** The trade bus's archive, which `trades replay` replays from. */
  private void archive(SampleDeployment deployment, Resource resource) {
    JsonNode properties = translated(evaluated(deployment, resource));
    String name = properties.path("ArchiveName").asText();
    String arn =
        clients
            .eventBridge()
            .createArchive(
                request -> {
                  request.archiveName(name).eventSourceArn(properties.path("SourceArn").asText());
                  json(properties, "EventPattern").ifPresent(request::eventPattern);
                  if (properties.has("RetentionDays")) {
                    request.retentionDays(properties.path("RetentionDays").asInt());
                  }
                  text(properties, "Description").ifPresent(request::description);
                })
            .archiveArn();
    created(deployment, resource, name, name, arn);
  }

  private List<String> stateMachine(SampleDeployment deployment, Resource resource) {
    JsonNode properties = translated(evaluated(deployment, resource));
    String name = properties.path("StateMachineName").asText();
    StateMachineDefinition stateMachine = StateMachineDefinition.load(deployment, resource);
    JsonNode definition = translated(stateMachine.definition());
    String arn =
        clients
            .stepFunctions()
            .createStateMachine(
                request -> {
                  request
                      .name(name)
                      .definition(write(definition))
                      .roleArn(properties.path("RoleArn").asText())
                      .type(
                          StateMachineType.fromValue(
                              properties.path("StateMachineType").asText("STANDARD")));
                  if (properties.path("TracingConfiguration").path("Enabled").asBoolean(false)) {
                    request.tracingConfiguration(
                        TracingConfiguration.builder().enabled(true).build());
                  }
                })
            .stateMachineArn();
    created(deployment, resource, name, arn, arn);
    return stateMachine.invokedFunctions().stream()
        .map(function -> functionName(translated(TextNode.valueOf(function)).asText()))
        .distinct()
        .toList();
  }

  private void rule(SampleDeployment deployment, Resource resource) {
    JsonNode properties = translated(evaluated(deployment, resource));
    String name = properties.path("Name").asText();
    String bus = properties.path("EventBusName").asText("default");
    String arn =
        clients
            .eventBridge()
            .putRule(
                request -> {
                  request
                      .name(name)
                      .eventBusName(bus)
                      .state(properties.path("State").asText("ENABLED"));
                  json(properties, "EventPattern").ifPresent(request::eventPattern);
                  text(properties, "ScheduleExpression").ifPresent(request::scheduleExpression);
                  text(properties, "Description").ifPresent(request::description);
                })
            .ruleArn();
    List<Target> targets = new ArrayList<>();
    for (JsonNode target : list(properties.path("Targets"))) {
      Target.Builder builder =
          Target.builder().id(target.path("Id").asText()).arn(target.path("Arn").asText());
      text(target, "RoleArn").ifPresent(builder::roleArn);
      text(target, "Input").ifPresent(builder::input);
      text(target, "InputPath").ifPresent(builder::inputPath);
      if (target.has("RetryPolicy")) {
        JsonNode retry = target.path("RetryPolicy");
        builder.retryPolicy(
            RetryPolicy.builder()
                .maximumRetryAttempts(retry.path("MaximumRetryAttempts").asInt())
                .maximumEventAgeInSeconds(retry.path("MaximumEventAgeInSeconds").asInt())
                .build());
      }
      text(target.path("DeadLetterConfig"), "Arn")
          .ifPresent(dlq -> builder.deadLetterConfig(DeadLetterConfig.builder().arn(dlq).build()));
      targets.add(builder.build());
    }
    if (!targets.isEmpty()) {
      var result =
          clients
              .eventBridge()
              .putTargets(request -> request.rule(name).eventBusName(bus).targets(targets));
      if (result.failedEntryCount() > 0) {
        throw new IllegalStateException(
            "targets of rule " + name + " refused: " + result.failedEntries());
      }
    }
    created(deployment, resource, name, name, arn);
  }

  /** Records what the backend created, and which sample values it replaces. */
  private void created(
      SampleDeployment deployment, Resource resource, String name, String ref, String arn) {
    names.put(resource.logicalId(), name);
    if (arn != null) {
      arns.put(resource.logicalId(), arn);
      actualValues.put(deployment.attribute(resource, "Arn"), arn);
    }
    actualValues.put(deployment.refValue(resource), ref);
    log.accept("created " + resource.type() + " " + name);
  }

  private JsonNode evaluated(SampleDeployment deployment, Resource resource) {
    return deployment.evaluate(resource.template(), resource.properties());
  }

  /** The tree with every sample Ref or ARN of a created resource replaced by the backend's. */
  private JsonNode translated(JsonNode node) {
    if (node.isTextual()) {
      String actual = actualValues.get(node.asText());
      return actual == null ? node : TextNode.valueOf(actual);
    }
    if (node.isArray()) {
      ArrayNode array = json.createArrayNode();
      node.forEach(item -> array.add(translated(item)));
      return array;
    }
    if (node.isObject()) {
      ObjectNode object = json.createObjectNode();
      node.properties().forEach(entry -> object.set(entry.getKey(), translated(entry.getValue())));
      return object;
    }
    return node;
  }

  /** The function name of a function ARN; a bare name as it is. */
  private static String functionName(String function) {
    int at = function.indexOf(":function:");
    return at < 0 ? function : function.substring(at + ":function:".length());
  }

  private String write(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<KeySchemaElement> keySchema(JsonNode schema) {
    return list(schema).stream()
        .map(
            key ->
                KeySchemaElement.builder()
                    .attributeName(key.path("AttributeName").asText())
                    .keyType(key.path("KeyType").asText())
                    .build())
        .toList();
  }

  private static GlobalSecondaryIndex globalSecondaryIndex(JsonNode index, BillingMode billing) {
    JsonNode projection = index.path("Projection");
    Projection.Builder projected =
        Projection.builder().projectionType(projection.path("ProjectionType").asText("ALL"));
    if (projection.has("NonKeyAttributes")) {
      projected.nonKeyAttributes(
          list(projection.path("NonKeyAttributes")).stream().map(JsonNode::asText).toList());
    }
    GlobalSecondaryIndex.Builder builder =
        GlobalSecondaryIndex.builder()
            .indexName(index.path("IndexName").asText())
            .keySchema(keySchema(index.path("KeySchema")))
            .projection(projected.build());
    if (billing == BillingMode.PROVISIONED) {
      builder.provisionedThroughput(throughput(index.path("ProvisionedThroughput")));
    }
    return builder.build();
  }

  private static ProvisionedThroughput throughput(JsonNode throughput) {
    return ProvisionedThroughput.builder()
        .readCapacityUnits(throughput.path("ReadCapacityUnits").asLong(5))
        .writeCapacityUnits(throughput.path("WriteCapacityUnits").asLong(5))
        .build();
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  /** The field as JSON text, when the node has it. */
  private Optional<String> json(JsonNode node, String field) {
    return node.has(field) ? Optional.of(write(node.path(field))) : Optional.empty();
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
  }
}
