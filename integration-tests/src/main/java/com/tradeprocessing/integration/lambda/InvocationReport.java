package com.tradeprocessing.integration.lambda;

import java.util.Locale;

/**
 * What the host measured of one invocation, the local counterpart of Lambda's {@code REPORT} line.
 *
 * @param function the function's name
 * @param container the number of the container that ran it
 * @param requestId the invocation's request id
 * @param durationMillis from the hand-over of the event to the runtime until its answer
 * @param initMillis the container's initialisation (JVM start to its first poll), on the
 *     container's first invocation only; {@code null} otherwise
 * @param memoryMb the function's configured memory
 * @param outcome {@code success}, {@code error} or {@code timeout}
 */
public record InvocationReport(
    String function,
    int container,
    String requestId,
    double durationMillis,
    Double initMillis,
    int memoryMb,
    String outcome) {

  /** The file in the host's log directory that holds one report a line. */
  public static final String FILE_NAME = "invocations.jsonl";

  /** One line of JSON; names and outcomes are plain identifiers, so nothing needs escaping. */
  String toJson() {
    return String.format(
        Locale.ROOT,
        "{\"function\":\"%s\",\"container\":%d,\"requestId\":\"%s\",\"durationMs\":%.3f,"
            + "\"initMs\":%s,\"memoryMb\":%d,\"outcome\":\"%s\"}",
        function,
        container,
        requestId,
        durationMillis,
        initMillis == null ? "null" : String.format(Locale.ROOT, "%.3f", initMillis),
        memoryMb,
        outcome);
  }
}
