package com.tradeprocessing.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The physical names of one environment's resources, as the templates build them from {@code
 * EnvironmentSuffix} ({@code {resource-type}-{purpose}-<suffix>}).
 *
 * @param suffix the environment suffix, e.g. {@code dev}
 */
public record EnvironmentNames(String suffix) {

  /** root.json's AllowedPattern of EnvironmentSuffix. */
  private static final Pattern SUFFIX = Pattern.compile("[a-z][a-z0-9]{1,9}");

  /** The dead-letter queues of the templates, by the short name {@code trades dlq} accepts. */
  public static final List<String> QUEUES =
      List.of("validator", "enricher", "recorder", "events", "executions", "global-table-resource");

  public EnvironmentNames {
    if (suffix == null || !SUFFIX.matcher(suffix).matches()) {
      throw new TradesException(
          "--env "
              + suffix
              + " is not an environment suffix (2 to 10 lowercase letters or digits, starting with"
              + " a letter, e.g. dev): pass the ENV of make deploy");
    }
  }

  public String table() {
    return "dynamodb-trades-" + suffix;
  }

  public String eventBus() {
    return "eventbus-trades-" + suffix;
  }

  public String archive() {
    return "archive-trades-" + suffix;
  }

  /**
   * The queue named by {@code name}: a short name of {@link #QUEUES} or the queue's full name in
   * this environment.
   */
  public String deadLetterQueue(String name) {
    if (QUEUES.contains(name)) {
      return "sqs-" + name + "-dlq-" + suffix;
    }
    for (String queue : QUEUES) {
      if (name.equals("sqs-" + queue + "-dlq-" + suffix)) {
        return name;
      }
    }
    throw new TradesException(
        "no dead-letter queue "
            + name
            + " in environment "
            + suffix
            + ": use one of "
            + String.join(", ", QUEUES));
  }
}
