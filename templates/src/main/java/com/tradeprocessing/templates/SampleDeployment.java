package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * Evaluates template values the way CloudFormation would for one sample deployment of the entry
 * template: parameters flow from parent stacks into children, outputs flow back, conditions are
 * decided for the sample region, and resources get the names and ARNs CloudFormation would give
 * them. Values CloudFormation only knows at deploy time (subnet ids, key ids) get stable samples.
 */
public final class SampleDeployment {

  static final String ACCOUNT = "111122223333";
  static final String ENVIRONMENT = "dev";
  static final String PRIMARY_REGION = "us-east-1";
  static final String REPLICA_REGION = "eu-west-1";
  static final String UNRESOLVED = "<unresolved>";

  /** Sample values for the parameters of the entry templates that have no default. */
  static final Map<String, String> REQUIRED_PARAMETERS =
      Map.of(
          "EnvironmentSuffix", ENVIRONMENT,
          "ValidatorImageDigest", "a".repeat(64),
          "EnricherImageDigest", "b".repeat(64),
          "RecorderImageDigest", "c".repeat(64),
          "GlobalTableResourceImageDigest", "d".repeat(64),
          "ReferenceDataBaseUrl", "https://reference-data.trading.internal/v1");

  private static final Map<String, String> ID_PREFIXES =
      Map.of(
          "AWS::EC2::VPC", "vpc",
          "AWS::EC2::Subnet", "subnet",
          "AWS::EC2::SecurityGroup", "sg",
          "AWS::EC2::RouteTable", "rtb",
          "AWS::EC2::VPCEndpoint", "vpce");

  private static final int MAX_DEPTH = 64;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final TemplateSet templates;
  private final String account;
  private final String region;
  private final Map<String, String> entryParameters;

  SampleDeployment(TemplateSet templates, String region) {
    this(templates, region, Map.of());
  }

  /**
   * A deployment in {@code region} with values for some parameters of the entry templates; the
   * others take their defaults, or a sample value when they have none.
   */
  SampleDeployment(TemplateSet templates, String region, Map<String, String> entryParameters) {
    this(templates, ACCOUNT, region, entryParameters);
  }

  /** A deployment into {@code account}, such as an emulator's, which names its own account. */
  public SampleDeployment(
      TemplateSet templates, String account, String region, Map<String, String> entryParameters) {
    this.templates = templates;
    this.account = account;
    this.region = region;
    this.entryParameters = Map.copyOf(entryParameters);
  }

  static SampleDeployment inPrimaryRegion(TemplateSet templates) {
    return new SampleDeployment(templates, PRIMARY_REGION);
  }

  static SampleDeployment inReplicaRegion(TemplateSet templates) {
    return new SampleDeployment(templates, REPLICA_REGION);
  }

  public String region() {
    return region;
  }

  public TemplateSet templates() {
    return templates;
  }

  /** The value of {@code node} once CloudFormation has resolved its intrinsic functions. */
  public JsonNode evaluate(Template template, JsonNode node) {
    return evaluate(template, node, 0);
  }

  /** The value as text; {@value #UNRESOLVED} when it is not a scalar. */
  public String text(Template template, JsonNode node) {
    JsonNode value = evaluate(template, node);
    return value.isValueNode() ? value.asText() : UNRESOLVED;
  }

  boolean condition(Template template, String name) {
    JsonNode definition = template.section("Conditions").get(name);
    if (definition == null) {
      throw new AssertionError(template.name() + " has no condition " + name);
    }
    return evaluate(template, definition).asBoolean();
  }

  /** Whether the resource exists in this deployment: its condition and its stack's hold. */
  public boolean deployed(Resource resource) {
    if (resource.condition().isPresent()
        && !condition(resource.template(), resource.condition().get())) {
      return false;
    }
    List<Resource> parents = templates.stacksOf(resource.template());
    return parents.isEmpty() || parents.stream().anyMatch(this::deployed);
  }

  public Optional<String> physicalName(Resource resource) {
    return ResourceConventions.of(resource.type())
        .flatMap(ResourceConventions::nameProperty)
        .map(resource::property)
        .filter(name -> !name.isMissingNode())
        .map(name -> text(resource.template(), name));
  }

  /** What {@code Ref} returns for the resource. */
  public String refValue(Resource resource) {
    String name = physicalName(resource).orElse(resource.logicalId());
    return switch (resource.type()) {
      case "AWS::SQS::Queue" -> "https://sqs." + region + ".amazonaws.com/" + account + "/" + name;
      case "AWS::SNS::Topic" -> "arn:aws:sns:" + region + ":" + account + ":" + name;
      case "AWS::StepFunctions::StateMachine" ->
          "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
      case "AWS::KMS::Key" -> keyId(resource);
      case "AWS::Route53::HealthCheck" ->
          UUID.nameUUIDFromBytes(resource.logicalId().getBytes(StandardCharsets.UTF_8)).toString();
      case "AWS::CloudFormation::Stack" ->
          "arn:aws:cloudformation:" + region + ":" + account + ":stack/" + resource.logicalId();
      default -> {
        String prefix = ID_PREFIXES.get(resource.type());
        yield prefix == null ? name : prefix + "-" + sampleHex(resource.logicalId(), 17);
      }
    };
  }

  /** What {@code Fn::GetAtt} returns for the resource's attribute. */
  public String attribute(Resource resource, String attribute) {
    String name = physicalName(resource).orElse(resource.logicalId());
    String prefix = "arn:aws:";
    return switch (attribute) {
      case "Arn" ->
          switch (resource.type()) {
            case "AWS::Lambda::Function" ->
                prefix + "lambda:" + region + ":" + account + ":function:" + name;
            case "AWS::SQS::Queue" -> prefix + "sqs:" + region + ":" + account + ":" + name;
            case "AWS::DynamoDB::Table" ->
                prefix + "dynamodb:" + region + ":" + account + ":table/" + name;
            case "AWS::Logs::LogGroup" ->
                prefix + "logs:" + region + ":" + account + ":log-group:" + name + ":*";
            case "AWS::IAM::Role" -> prefix + "iam::" + account + ":role/" + name;
            case "AWS::KMS::Key" ->
                prefix + "kms:" + region + ":" + account + ":key/" + keyId(resource);
            case "AWS::Events::EventBus" ->
                prefix + "events:" + region + ":" + account + ":event-bus/" + name;
            case "AWS::Events::Archive" ->
                prefix + "events:" + region + ":" + account + ":archive/" + name;
            case "AWS::Events::Rule" -> {
              JsonNode bus = resource.property("EventBusName");
              String busName = bus.isMissingNode() ? "" : text(resource.template(), bus) + "/";
              yield prefix + "events:" + region + ":" + account + ":rule/" + busName + name;
            }
            case "AWS::StepFunctions::StateMachine" -> refValue(resource);
            case "AWS::SNS::Topic" -> refValue(resource);
            default -> "<" + resource.logicalId() + ".Arn>";
          };
      case "QueueName" -> name;
      case "QueueUrl" -> refValue(resource);
      case "RepositoryUri" -> account + ".dkr.ecr." + region + ".amazonaws.com/" + name;
      case "CidrBlock" -> text(resource.template(), resource.property("CidrBlock"));
      default -> "<" + resource.logicalId() + "." + attribute + ">";
    };
  }

  /** The resource of {@code type} whose {@code Ref} or ARN is {@code value}, in any template. */
  public Optional<Resource> resourceIdentifiedBy(String type, String value) {
    return templates.resourcesOfType(type).stream()
        .filter(
            resource ->
                refValue(resource).equals(value) || attribute(resource, "Arn").equals(value))
        .findFirst();
  }

  private JsonNode evaluate(Template template, JsonNode node, int depth) {
    if (depth > MAX_DEPTH) {
      throw new AssertionError("values of " + template.name() + " refer to each other in a loop");
    }
    if (node == null || node.isMissingNode()) {
      return TextNode.valueOf(UNRESOLVED);
    }
    if (node.isArray()) {
      ArrayNode array = NODES.arrayNode();
      for (JsonNode item : node) {
        JsonNode value = evaluate(template, item, depth + 1);
        if (!value.isMissingNode()) {
          array.add(value);
        }
      }
      return array;
    }
    if (!node.isObject()) {
      return node;
    }
    if (node.size() == 1) {
      String function = node.properties().iterator().next().getKey();
      JsonNode argument = node.get(function);
      switch (function) {
        case "Ref":
          return ref(template, argument.asText(), depth);
        case "Fn::GetAtt":
          return Intrinsics.getAtt(node)
              .map(getAtt -> getAtt(template, getAtt, depth))
              .orElse(TextNode.valueOf(UNRESOLVED));
        case "Fn::Sub":
          return TextNode.valueOf(sub(template, argument, depth));
        case "Fn::Join":
          return TextNode.valueOf(join(template, argument, depth));
        case "Fn::Split":
          return split(template, argument, depth);
        case "Fn::Select":
          return select(template, argument, depth);
        case "Fn::If":
          return evaluate(template, chosenBranch(template, argument, depth), depth + 1);
        case "Fn::Equals":
          return NODES.booleanNode(
              scalar(template, argument.get(0), depth)
                  .equals(scalar(template, argument.get(1), depth)));
        case "Fn::Not":
          return NODES.booleanNode(!evaluate(template, argument.get(0), depth + 1).asBoolean());
        case "Fn::And":
          return NODES.booleanNode(allTrue(template, argument, depth));
        case "Fn::Or":
          return NODES.booleanNode(anyTrue(template, argument, depth));
        case "Condition":
          return NODES.booleanNode(condition(template, argument.asText()));
        case "Fn::Contains":
          return NODES.booleanNode(
              evaluate(template, argument.get(0), depth + 1)
                  .valueStream()
                  .anyMatch(
                      item -> item.asText().equals(scalar(template, argument.get(1), depth))));
        case "Fn::GetAZs":
          return NODES.arrayNode().add(region + "a").add(region + "b").add(region + "c");
        case "Fn::Cidr":
          return cidrs(argument);
        default:
          break;
      }
    }
    ObjectNode object = NODES.objectNode();
    node.properties()
        .forEach(
            entry -> {
              JsonNode value = evaluate(template, entry.getValue(), depth + 1);
              if (!value.isMissingNode()) {
                object.set(entry.getKey(), value);
              }
            });
    return object;
  }

  private JsonNode ref(Template template, String name, int depth) {
    switch (name) {
      case "AWS::Region":
        return TextNode.valueOf(region);
      case "AWS::AccountId":
        return TextNode.valueOf(account);
      case "AWS::Partition":
        return TextNode.valueOf("aws");
      case "AWS::URLSuffix":
        return TextNode.valueOf("amazonaws.com");
      case "AWS::StackName":
        return TextNode.valueOf("trade-processing-" + ENVIRONMENT);
      case "AWS::NoValue":
        // Removes the property or list item it is the value of, as CloudFormation does.
        return MissingNode.getInstance();
      default:
        break;
    }
    if (template.hasParameter(name)) {
      for (Resource parent : templates.stacksOf(template)) {
        JsonNode passed = parent.property("Parameters").get(name);
        if (passed != null) {
          return evaluate(parent.template(), passed, depth + 1);
        }
      }
      if (entryParameters.containsKey(name)) {
        return TextNode.valueOf(entryParameters.get(name));
      }
      JsonNode parameter = template.section("Parameters").get(name);
      if (parameter.has("Default")) {
        return parameter.get("Default");
      }
      return TextNode.valueOf(REQUIRED_PARAMETERS.getOrDefault(name, UNRESOLVED));
    }
    return template
        .resource(name)
        .<JsonNode>map(resource -> TextNode.valueOf(refValue(resource)))
        .orElse(TextNode.valueOf(UNRESOLVED));
  }

  private JsonNode getAtt(Template template, Intrinsics.GetAtt getAtt, int depth) {
    Optional<Resource> resource = template.resource(getAtt.logicalId());
    if (resource.isEmpty()) {
      return TextNode.valueOf(UNRESOLVED);
    }
    if (resource.get().type().equals("AWS::CloudFormation::Stack")
        && getAtt.attribute().startsWith("Outputs.")) {
      String output = getAtt.attribute().substring("Outputs.".length());
      Optional<Template> child =
          templates.template(resource.get().property("TemplateURL").asText());
      if (child.isEmpty() || !child.get().section("Outputs").has(output)) {
        return TextNode.valueOf(UNRESOLVED);
      }
      return evaluate(
          child.get(), child.get().section("Outputs").get(output).path("Value"), depth + 1);
    }
    return TextNode.valueOf(attribute(resource.get(), getAtt.attribute()));
  }

  private String sub(Template template, JsonNode argument, int depth) {
    String text;
    JsonNode variables;
    if (argument.isArray()) {
      text = argument.get(0).asText();
      variables = argument.get(1);
    } else {
      text = argument.asText();
      variables = NODES.objectNode();
    }
    Matcher matcher = Intrinsics.subVariablePattern().matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String variable = matcher.group(1);
      String value;
      if (variables.has(variable)) {
        value = scalar(template, variables.get(variable), depth);
      } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
        int dot = variable.indexOf('.');
        value =
            getAtt(
                    template,
                    new Intrinsics.GetAtt(variable.substring(0, dot), variable.substring(dot + 1)),
                    depth + 1)
                .asText();
      } else {
        value = ref(template, variable, depth + 1).asText();
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString().replace("${!", "${");
  }

  private String join(Template template, JsonNode argument, int depth) {
    String delimiter = argument.get(0).asText();
    JsonNode items = evaluate(template, argument.get(1), depth + 1);
    StringBuilder joined = new StringBuilder();
    for (JsonNode item : items) {
      if (!joined.isEmpty()) {
        joined.append(delimiter);
      }
      joined.append(item.asText());
    }
    return joined.toString();
  }

  private JsonNode split(Template template, JsonNode argument, int depth) {
    String delimiter = argument.get(0).asText();
    String text = scalar(template, argument.get(1), depth);
    ArrayNode parts = NODES.arrayNode();
    for (String part : text.split(java.util.regex.Pattern.quote(delimiter), -1)) {
      parts.add(part);
    }
    return parts;
  }

  private JsonNode select(Template template, JsonNode argument, int depth) {
    int index = evaluate(template, argument.get(0), depth + 1).asInt();
    JsonNode items = evaluate(template, argument.get(1), depth + 1);
    return items.has(index) ? items.get(index) : TextNode.valueOf(UNRESOLVED);
  }

  private JsonNode chosenBranch(Template template, JsonNode argument, int depth) {
    return condition(template, argument.get(0).asText()) ? argument.get(1) : argument.get(2);
  }

  private boolean allTrue(Template template, JsonNode conditions, int depth) {
    for (JsonNode condition : conditions) {
      if (!evaluate(template, condition, depth + 1).asBoolean()) {
        return false;
      }
    }
    return true;
  }

  private boolean anyTrue(Template template, JsonNode conditions, int depth) {
    for (JsonNode condition : conditions) {
      if (evaluate(template, condition, depth + 1).asBoolean()) {
        return true;
      }
    }
    return false;
  }

  private String scalar(Template template, JsonNode node, int depth) {
    JsonNode value = evaluate(template, node, depth + 1);
    return value.isValueNode() ? value.asText() : UNRESOLVED;
  }

  private static JsonNode cidrs(JsonNode argument) {
    ArrayNode blocks = NODES.arrayNode();
    for (int i = 0; i < argument.get(1).asInt(); i++) {
      blocks.add("10.0." + i + ".0/24");
    }
    return blocks;
  }

  private static String keyId(Resource resource) {
    return UUID.nameUUIDFromBytes(resource.logicalId().getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String sampleHex(String seed, int length) {
    String hex =
        HexFormat.of()
            .formatHex(
                UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8))
                    .toString()
                    .getBytes(StandardCharsets.UTF_8));
    return hex.substring(0, length);
  }
}
