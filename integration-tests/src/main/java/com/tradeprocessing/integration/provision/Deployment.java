package com.tradeprocessing.integration.provision;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What the provisioning created, by the templates' logical ids: physical names, queue URLs and ARNs
 * as the backend reports them.
 *
 * @param names physical name of each created resource, by logical id
 * @param queueUrls URL of each queue, by logical id
 * @param arns ARN of each created resource that has one, by logical id
 * @param stateMachineFunctions names of the functions the state machine invokes, in the order of
 *     {@code StateMachineDefinition.invokedFunctions()}
 * @param skipped resources of the templates not created locally, as {@code file/LogicalId (Type)}
 */
public record Deployment(
    String environmentSuffix,
    Map<String, String> names,
    Map<String, String> queueUrls,
    Map<String, String> arns,
    List<String> stateMachineFunctions,
    List<String> skipped) {

  public Deployment {
    names = Map.copyOf(names);
    queueUrls = Map.copyOf(queueUrls);
    arns = Map.copyOf(arns);
    stateMachineFunctions = List.copyOf(stateMachineFunctions);
    skipped = List.copyOf(skipped);
  }

  public String name(String logicalId) {
    return require(names, logicalId, "resource");
  }

  public String queueUrl(String logicalId) {
    return require(queueUrls, logicalId, "queue");
  }

  public String arn(String logicalId) {
    return require(arns, logicalId, "resource with an ARN");
  }

  public String eventBusName() {
    return name("TradeEventBus");
  }

  public String stateMachineArn() {
    return arn("TradeStateMachine");
  }

  public String tableName() {
    return name("TradesTable");
  }

  public String validatorFunction() {
    return name("ValidatorFunction");
  }

  public String enricherFunction() {
    return name("EnricherFunction");
  }

  public String recorderFunction() {
    return name("RecorderFunction");
  }

  /** The dead-letter queue of each stage and of the event bus rules, by logical id. */
  public Map<String, String> deadLetterQueueUrls() {
    Map<String, String> queues = new java.util.TreeMap<>();
    queueUrls.forEach(
        (logicalId, url) -> {
          if (logicalId.endsWith("DeadLetterQueue")) {
            queues.put(logicalId, url);
          }
        });
    return queues;
  }

  private static String require(Map<String, String> values, String logicalId, String what) {
    String value = values.get(logicalId);
    if (value == null) {
      throw new NoSuchElementException(
          "the deployment has no " + what + " " + logicalId + "; it has " + values.keySet());
    }
    return value;
  }
}
