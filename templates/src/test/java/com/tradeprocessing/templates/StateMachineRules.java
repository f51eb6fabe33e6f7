package com.tradeprocessing.templates;

import static com.tradeprocessing.templates.StateMachineDefinition.LAMBDA_INVOKE;
import static com.tradeprocessing.templates.StateMachineDefinition.SQS_SEND_MESSAGE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.templates.StateMachineDefinition.Scope;
import com.tradeprocessing.templates.StateMachineDefinition.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The trade state machine: its definition's form, structure, retries, data flow and logging. */
final class StateMachineRules {

  private static final Set<String> INTRINSICS =
      Set.of("Ref", "Fn::Sub", "Fn::Join", "Fn::GetAtt", "Fn::If", "Fn::Select");
  private static final Set<String> CATCH_ALL_ERRORS = Set.of("States.ALL", "States.TaskFailed");

  /** A check of one substituted definition in a sample deployment. */
  @FunctionalInterface
  private interface DefinitionCheck {
    void check(
        SampleDeployment deployment, StateMachineDefinition definition, List<String> violations);
  }

  /** The definition is reviewable JSON; everything deploy-time comes in as a substitution. */
  static final TemplateRule DEFINITION_OBJECT_WITH_SUBSTITUTIONS =
      TemplateRule.perResource(
          "definition-object-with-substitutions",
          "AWS::StepFunctions::StateMachine",
          (machine, violations) -> {
            JsonNode definition = machine.property("Definition");
            if (!definition.isObject()) {
              violations.add(machine.where() + " has no Definition object");
              return;
            }
            for (String other : List.of("DefinitionString", "DefinitionS3Location")) {
              if (machine.properties().has(other)) {
                violations.add(machine.where() + " sets " + other);
              }
            }
            Intrinsics.memberNames(definition)
                .filter(INTRINSICS::contains)
                .distinct()
                .forEach(
                    name ->
                        violations.add(
                            machine.where()
                                + " Definition uses "
                                + name
                                + "; use DefinitionSubstitutions"));
            Set<String> used = new TreeSet<>();
            Intrinsics.walk(definition)
                .filter(JsonNode::isTextual)
                .forEach(text -> used.addAll(Intrinsics.subVariables(text.asText())));
            Set<String> given =
                new TreeSet<>(Intrinsics.names(machine.property("DefinitionSubstitutions")));
            if (!used.equals(given)) {
              violations.add(
                  machine.where() + " uses substitutions " + used + " but defines " + given);
            }
          });

  static final TemplateRule PARALLEL_VALIDATION_AND_ENRICHMENT =
      eachDefinition(
          "parallel-validation-and-enrichment",
          (deployment, definition, violations) -> {
            Optional<State> parallel =
                definition.states().stream()
                    .filter(state -> state.type().equals("Parallel"))
                    .findFirst();
            if (parallel.isEmpty()) {
              violations.add(definition.stateMachine().where() + " has no Parallel state");
              return;
            }
            JsonNode branches = parallel.get().node().path("Branches");
            List<String> stages = new ArrayList<>();
            for (JsonNode branch : branches) {
              Scope scope = new Scope(parallel.get().where(), branch);
              stages.add(
                  scope
                      .state(branch.path("StartAt").asText())
                      .flatMap(start -> stageOf(deployment, start))
                      .orElse("?"));
            }
            if (!stages.equals(List.of("validate", "enrich"))) {
              violations.add(
                  parallel.get().where()
                      + " branches start with stages "
                      + stages
                      + ", not [validate, enrich]");
            }
            if (!parallel.get().node().path("ResultPath").asText().equals("$.stages")) {
              violations.add(parallel.get().where() + " ResultPath is not $.stages");
            }
          });

  static final TemplateRule CATCH_ON_EVERY_TASK =
      eachDefinition(
          "catch-on-every-task",
          (deployment, definition, violations) -> {
            for (State task : definition.tasks()) {
              boolean catchesAll = false;
              for (JsonNode catcher : task.node().path("Catch")) {
                for (JsonNode error : catcher.path("ErrorEquals")) {
                  catchesAll |= error.asText().equals("States.ALL");
                }
              }
              if (!catchesAll) {
                violations.add(task.where() + " has no Catch for States.ALL");
              }
            }
          });

  static final TemplateRule RETRY_TRANSIENT_LAMBDA_ERRORS =
      eachDefinition(
          "lambda-tasks-retry-transient-lambda-errors",
          (deployment, definition, violations) -> {
            for (State task : definition.lambdaTasks()) {
              Set<String> retried = retriedErrors(task);
              for (String error : StageContract.TRANSIENT_LAMBDA_ERRORS) {
                if (!retried.contains(error)) {
                  violations.add(task.where() + " does not retry " + error);
                }
              }
            }
          });

  /** A fault of a handler is a bug or a rejection path: only its declared errors are retried. */
  static final TemplateRule RETRY_HANDLER_ERRORS =
      eachDefinition(
          "lambda-tasks-retry-their-handlers-retryable-errors",
          (deployment, definition, violations) -> {
            for (State task : definition.lambdaTasks()) {
              Optional<StageContract.FunctionContract> contract =
                  invokedFunction(deployment, task)
                      .flatMap(function -> LambdaRules.contract(deployment, function));
              if (contract.isEmpty()) {
                violations.add(task.where() + " invokes no function of docs/stage-contracts.md");
                continue;
              }
              Set<String> retried = retriedErrors(task);
              for (String error : contract.get().retryableErrors()) {
                if (!retried.contains(error)) {
                  violations.add(task.where() + " does not retry " + error);
                }
              }
              for (String catchAll : CATCH_ALL_ERRORS) {
                if (retried.contains(catchAll)) {
                  violations.add(
                      task.where() + " retries " + catchAll + ", which retries faults too");
                }
              }
            }
          });

  static final TemplateRule BACKOFF_WITH_JITTER =
      eachDefinition(
          "retries-back-off-with-full-jitter",
          (deployment, definition, violations) -> {
            for (State task : definition.tasks()) {
              for (JsonNode retrier : task.node().path("Retry")) {
                String where = task.where() + " Retry " + retrier.path("ErrorEquals");
                if (retrier.path("BackoffRate").asDouble(0) <= 1.0) {
                  violations.add(where + " does not back off (BackoffRate > 1)");
                }
                if (retrier.path("MaxDelaySeconds").asInt(0) < 1) {
                  violations.add(where + " has no MaxDelaySeconds");
                }
                if (!retrier.path("JitterStrategy").asText().equals("FULL")) {
                  violations.add(where + " has no full jitter");
                }
                if (retrier.path("MaxAttempts").asInt(0) < 1
                    || retrier.path("IntervalSeconds").asInt(0) < 1) {
                  violations.add(where + " has no IntervalSeconds and MaxAttempts");
                }
              }
            }
          });

  static final TemplateRule TRANSITIONS_TARGET_EXISTING_STATES =
      eachDefinition(
          "transitions-target-existing-states",
          (deployment, definition, violations) -> {
            for (Scope scope : definition.scopes()) {
              String start = scope.node().path("StartAt").asText();
              if (scope.state(start).isEmpty()) {
                violations.add(scope.path() + " StartAt " + start + " is no state of its scope");
              }
            }
            for (State state : definition.states()) {
              for (String next : state.successors()) {
                if (state.scope().state(next).isEmpty()) {
                  violations.add(
                      state.where() + " goes to " + next + ", which is no state of its scope");
                }
              }
            }
          });

  static final TemplateRule TERMINAL_STATES_REACHABLE =
      eachDefinition(
          "every-state-reachable-and-ends",
          (deployment, definition, violations) -> {
            for (Scope scope : definition.scopes()) {
              Set<String> reachable = reachableFrom(scope, scope.node().path("StartAt").asText());
              for (String name : Intrinsics.names(scope.states())) {
                State state = scope.state(name).orElseThrow();
                if (!reachable.contains(name)) {
                  violations.add(state.where() + " is unreachable");
                }
                boolean needsNext = !state.terminal() && !state.type().equals("Choice");
                if (needsNext && !state.node().hasNonNull("Next")) {
                  violations.add(state.where() + " has neither Next nor End");
                }
                boolean ends =
                    reachableFrom(scope, name).stream()
                        .map(successor -> scope.state(successor))
                        .flatMap(Optional::stream)
                        .anyMatch(State::terminal);
                if (!ends) {
                  violations.add(state.where() + " never reaches a terminal state");
                }
              }
            }
          });

  /** The data flow of docs/stage-contracts.md, state by state. */
  static final TemplateRule CONTRACT_DATA_FLOW =
      eachDefinition(
          "data-flow-follows-stage-contracts",
          (deployment, definition, violations) -> {
            Scope top = definition.top();
            Optional<State> prepare = top.state(top.node().path("StartAt").asText());
            ObjectNode prepared =
                JsonNodeFactory.instance
                    .objectNode()
                    .put("event.$", "$")
                    .put("executionId.$", "$$.Execution.Id");
            if (prepare.isEmpty()
                || !prepare.get().type().equals("Pass")
                || !prepare.get().node().path("Parameters").equals(prepared)) {
              violations.add(
                  top.path() + " does not start with a Pass state setting {event, executionId}");
              return;
            }
            Optional<State> parallel = top.state(prepare.get().node().path("Next").asText());
            if (parallel.isEmpty() || !parallel.get().type().equals("Parallel")) {
              violations.add(prepare.get().where() + " is not followed by the Parallel state");
              return;
            }
            List<String> branchStages = new ArrayList<>();
            for (State task : definition.lambdaTasks()) {
              String stage = stageOf(deployment, task).orElse("?");
              if (!task.node().path("OutputPath").asText().equals("$.Payload")
                  && !task.node().path("ResultSelector").toString().contains("$.Payload")) {
                violations.add(
                    task.where() + " does not pick the function's result from $.Payload");
              }
              if (!task.scope().path().equals(top.path())) {
                branchStages.add(stage);
                // The branch input is Prepare's {event, executionId}: passed whole, so the
                // validator's and the enricher's log lines carry the execution id.
                JsonNode payload = task.node().path("Parameters").path("Payload.$");
                if (!payload.asText().equals("$")) {
                  violations.add(
                      task.where()
                          + " does not give the function {event, executionId} ($) as its payload");
                }
              }
            }
            Optional<State> record = top.state(parallel.get().node().path("Next").asText());
            if (record.isEmpty()
                || !stageOf(deployment, record.get()).orElse("").equals("record")) {
              violations.add(parallel.get().where() + " is not followed by the record task");
              return;
            }
            ObjectNode payload =
                JsonNodeFactory.instance
                    .objectNode()
                    .put("event.$", "$.event")
                    .put("executionId.$", "$.executionId")
                    .put(
                        "validation.$",
                        "$.stages[" + branchIndex(parallel.get(), deployment, "validate") + "]")
                    .put(
                        "enrichment.$",
                        "$.stages[" + branchIndex(parallel.get(), deployment, "enrich") + "]");
            if (!record.get().node().path("Parameters").path("Payload").equals(payload)) {
              violations.add(record.get().where() + " payload is not " + payload);
            }
            boolean succeeds =
                top.state(record.get().node().path("Next").asText())
                    .map(State::type)
                    .orElse("")
                    .equals("Succeed");
            if (!succeeds) {
              violations.add(record.get().where() + " is not followed by a Succeed state");
            }
          });

  /**
   * Step Functions invokes the functions synchronously, so Lambda's own dead-letter queues never
   * see these failures: the Catch path sends the trade to the failing stage's queue itself.
   */
  static final TemplateRule FAILURES_TO_STAGE_DEAD_LETTER_QUEUE =
      eachDefinition(
          "catch-sends-failed-trade-to-stage-dead-letter-queue",
          (deployment, definition, violations) -> {
            for (State task : definition.lambdaTasks()) {
              Optional<Resource> function = invokedFunction(deployment, task);
              Optional<String> stage = stageOf(deployment, task);
              Optional<Resource> queue = function.flatMap(StateMachineRules::deadLetterQueue);
              if (stage.isEmpty() || queue.isEmpty()) {
                violations.add(
                    task.where() + " invokes no stage function with a dead-letter queue");
                continue;
              }
              Optional<JsonNode> catchAll = catchAll(task);
              if (catchAll.isEmpty()
                  || !catchAll.get().path("ResultPath").asText().equals("$.error")) {
                violations.add(task.where() + " does not catch every error into $.error");
                continue;
              }
              Optional<State> send = task.scope().state(catchAll.get().path("Next").asText());
              if (send.isEmpty() || !send.get().resource().equals(SQS_SEND_MESSAGE)) {
                violations.add(task.where() + " Catch does not go to an sqs:sendMessage task");
                continue;
              }
              JsonNode parameters = send.get().node().path("Parameters");
              if (!parameters.path("QueueUrl").asText().equals(deployment.refValue(queue.get()))) {
                violations.add(
                    send.get().where()
                        + " sends to "
                        + parameters.path("QueueUrl").asText()
                        + ", not to the "
                        + stage.get()
                        + " dead-letter queue");
              }
              ObjectNode message =
                  JsonNodeFactory.instance
                      .objectNode()
                      .put("stage", stage.get())
                      .put("error.$", "$.error.Error")
                      .put("cause.$", "$.error.Cause")
                      .put("executionId.$", "$.executionId")
                      .put("event.$", "$.event");
              if (!parameters.path("MessageBody").equals(message)) {
                violations.add(send.get().where() + " message is not " + message);
              }
              boolean thenFails =
                  send.get().successors().stream()
                      .allMatch(
                          next ->
                              task.scope().state(next).map(State::type).orElse("").equals("Fail"));
              if (!thenFails || send.get().successors().isEmpty()) {
                violations.add(send.get().where() + " is not followed by a Fail state");
              }
              if (!stateMachineRoleAllows(
                  deployment,
                  definition.stateMachine(),
                  "sqs:SendMessage",
                  deployment.attribute(queue.get(), "Arn"))) {
                violations.add(
                    definition.stateMachine().where()
                        + " role may not send to "
                        + queue.get().where());
              }
            }
          });

  /** The log levels Step Functions accepts (LoggingConfiguration.Level). */
  private static final Set<String> LOG_LEVELS = Set.of("ALL", "ERROR", "FATAL", "OFF");

  /**
   * ADR 0033: the execution log's level and content are parameters, passed from the root, that
   * default to every event with its execution data; the log group keeps them for its retention.
   */
  static final TemplateRule EXECUTION_LOGGING =
      TemplateRule.deployed(
          "execution-logging-a-parameter-all-with-data-by-default",
          (templates, deployment, violations) -> {
            for (Resource machine : templates.resourcesOfType("AWS::StepFunctions::StateMachine")) {
              JsonNode logging = machine.property("LoggingConfiguration");
              violations.addAll(
                  passedParameter(
                      templates, machine, logging.path("Level"), LOG_LEVELS, "log level"));
              violations.addAll(
                  passedParameter(
                      templates,
                      machine,
                      logging.path("IncludeExecutionData"),
                      Set.of("true", "false"),
                      "execution data choice"));
              if (!deployment.text(machine.template(), logging.path("Level")).equals("ALL")
                  || !deployment
                      .text(machine.template(), logging.path("IncludeExecutionData"))
                      .equals("true")) {
                violations.add(
                    machine.where() + " does not log ALL with execution data by default");
              }
              Optional<Resource> group =
                  Intrinsics.getAtt(
                          logging
                              .path("Destinations")
                              .path(0)
                              .path("CloudWatchLogsLogGroup")
                              .path("LogGroupArn"))
                      .flatMap(getAtt -> machine.template().resource(getAtt.logicalId()))
                      .filter(resource -> resource.type().equals("AWS::Logs::LogGroup"));
              if (group.isEmpty() || group.get().property("RetentionInDays").isMissingNode()) {
                violations.add(
                    machine.where()
                        + " does not log to a log group of its template with a retention");
              }
            }
          });

  /**
   * Violations unless {@code value} is a parameter of the resource's template allowing exactly
   * {@code allowed}, and every stack of that template passes it a parameter allowing the same.
   */
  static List<String> passedParameter(
      TemplateSet templates, Resource machine, JsonNode value, Set<String> allowed, String what) {
    Optional<String> parameter = Intrinsics.ref(value);
    if (parameter.isEmpty()
        || !allowedValues(machine.template(), parameter.get()).equals(allowed)) {
      return List.of(machine.where() + " " + what + " is not a parameter allowing " + allowed);
    }
    List<String> violations = new ArrayList<>();
    for (Resource stack : templates.stacksOf(machine.template())) {
      Optional<String> passed = Intrinsics.ref(stack.property("Parameters").path(parameter.get()));
      if (passed.isEmpty() || !allowedValues(stack.template(), passed.get()).equals(allowed)) {
        violations.add(stack.where() + " does not pass its " + what + " from a parameter");
      }
    }
    return violations;
  }

  private static Set<String> allowedValues(Template template, String parameter) {
    Set<String> values = new HashSet<>();
    template
        .section("Parameters")
        .path(parameter)
        .path("AllowedValues")
        .forEach(value -> values.add(value.asText()));
    return values;
  }

  static final TemplateRule TRACING =
      TemplateRule.of(
          "state-machine-tracing",
          templates ->
              templates.resourcesOfType("AWS::StepFunctions::StateMachine").stream()
                  .filter(
                      machine ->
                          !machine
                              .property("TracingConfiguration")
                              .path("Enabled")
                              .asBoolean(false))
                  .map(machine -> machine.where() + " does not trace")
                  .toList());

  /** ADR 0002: Standard by default, Express allowed, at every level the choice passes through. */
  static final TemplateRule STANDARD_BY_DEFAULT_EXPRESS_ALLOWED =
      TemplateRule.deployed(
          "standard-by-default-express-allowed",
          (templates, deployment, violations) -> {
            for (Resource machine : templates.resourcesOfType("AWS::StepFunctions::StateMachine")) {
              JsonNode type = machine.property("StateMachineType");
              if (!deployment.text(machine.template(), type).equals("STANDARD")) {
                violations.add(machine.where() + " is not STANDARD by default");
              }
              Optional<String> parameter = Intrinsics.ref(type);
              if (parameter.isEmpty() || !allowsBothTypes(machine.template(), parameter.get())) {
                violations.add(
                    machine.where()
                        + " StateMachineType is not a parameter allowing STANDARD and EXPRESS");
                continue;
              }
              for (Resource stack : templates.stacksOf(machine.template())) {
                Optional<String> passed =
                    Intrinsics.ref(stack.property("Parameters").path(parameter.get()));
                if (passed.isEmpty() || !allowsBothTypes(stack.template(), passed.get())) {
                  violations.add(
                      stack.where() + " does not pass a parameter allowing STANDARD and EXPRESS");
                }
              }
            }
          });

  private StateMachineRules() {}

  static Optional<Resource> invokedFunction(SampleDeployment deployment, State task) {
    String arn = task.node().path("Parameters").path("FunctionName").asText();
    return deployment.resourceIdentifiedBy("AWS::Lambda::Function", arn);
  }

  /** The stage (validate, enrich, record) of the function a Lambda task invokes. */
  static Optional<String> stageOf(SampleDeployment deployment, State task) {
    if (!task.resource().equals(LAMBDA_INVOKE)) {
      return Optional.empty();
    }
    return invokedFunction(deployment, task)
        .flatMap(function -> LambdaRules.contract(deployment, function))
        .flatMap(StageContract.FunctionContract::stage);
  }

  private static Optional<Resource> deadLetterQueue(Resource function) {
    return Intrinsics.getAtt(function.property("DeadLetterConfig").path("TargetArn"))
        .flatMap(getAtt -> function.template().resource(getAtt.logicalId()));
  }

  private static Optional<JsonNode> catchAll(State task) {
    for (JsonNode catcher : task.node().path("Catch")) {
      for (JsonNode error : catcher.path("ErrorEquals")) {
        if (error.asText().equals("States.ALL")) {
          return Optional.of(catcher);
        }
      }
    }
    return Optional.empty();
  }

  private static Set<String> retriedErrors(State task) {
    Set<String> errors = new HashSet<>();
    for (JsonNode retrier : task.node().path("Retry")) {
      retrier.path("ErrorEquals").forEach(error -> errors.add(error.asText()));
    }
    return errors;
  }

  private static int branchIndex(State parallel, SampleDeployment deployment, String stage) {
    JsonNode branches = parallel.node().path("Branches");
    for (int i = 0; i < branches.size(); i++) {
      Scope scope = new Scope(parallel.where(), branches.get(i));
      boolean match =
          scope
              .state(branches.get(i).path("StartAt").asText())
              .flatMap(start -> stageOf(deployment, start))
              .orElse("")
              .equals(stage);
      if (match) {
        return i;
      }
    }
    return -1;
  }

  private static Set<String> reachableFrom(Scope scope, String start) {
    Set<String> seen = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(start));
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (seen.add(name)) {
        scope.state(name).ifPresent(state -> pending.addAll(state.successors()));
      }
    }
    return seen;
  }

  private static boolean allowsBothTypes(Template template, String parameter) {
    JsonNode allowed = template.section("Parameters").path(parameter).path("AllowedValues");
    Set<String> values = new HashSet<>();
    allowed.forEach(value -> values.add(value.asText()));
    return values.equals(Set.of("STANDARD", "EXPRESS"));
  }

  private static boolean stateMachineRoleAllows(
      SampleDeployment deployment, Resource machine, String action, String resourceArn) {
    Optional<Resource> role =
        Intrinsics.getAtt(machine.property("RoleArn"))
            .flatMap(getAtt -> machine.template().resource(getAtt.logicalId()));
    if (role.isEmpty()) {
      return false;
    }
    for (JsonNode policy : role.get().property("Policies")) {
      for (JsonNode statement :
          Intrinsics.oneOrMany(policy.path("PolicyDocument").path("Statement"))) {
        if (!statement.path("Effect").asText().equals("Allow")
            || !PolicyDocuments.actions(statement).contains(action)) {
          continue;
        }
        JsonNode resources = deployment.evaluate(machine.template(), statement.path("Resource"));
        for (JsonNode resource : Intrinsics.oneOrMany(resources)) {
          if (resource.asText().equals(resourceArn)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static TemplateRule eachDefinition(String id, DefinitionCheck check) {
    return TemplateRule.deployed(
        id,
        (templates, deployment, violations) -> {
          for (StateMachineDefinition definition : StateMachineDefinition.all(deployment)) {
            check.check(deployment, definition, violations);
          }
        });
  }
}
