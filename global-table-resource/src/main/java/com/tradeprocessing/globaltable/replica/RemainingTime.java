package com.tradeprocessing.globaltable.replica;

import java.time.Duration;

/**
 * Time left before the platform ends the current invocation (the Lambda context's remaining time).
 */
@FunctionalInterface
public interface RemainingTime {

  Duration remaining();
}
