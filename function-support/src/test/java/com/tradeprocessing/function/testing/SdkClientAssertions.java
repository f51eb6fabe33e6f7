package com.tradeprocessing.function.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradeprocessing.function.aws.SdkClients;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.regions.Region;

/** What every function's wiring test checks of the SDK clients it builds. */
public final class SdkClientAssertions {

  private SdkClientAssertions() {}

  /**
   * The client has the settings of {@link SdkClients#fromEnvironment} (ADR 0025): the region, the
   * Lambda credential variables, and the attempt and call timeouts.
   */
  public static void assertFunctionSettings(AwsServiceClientConfiguration client, Region region) {
    assertThat(client.region()).isEqualTo(region);
    assertThat(client.credentialsProvider())
        .isInstanceOf(EnvironmentVariableCredentialsProvider.class);
    assertThat(client.overrideConfiguration().apiCallAttemptTimeout())
        .contains(SdkClients.API_CALL_ATTEMPT_TIMEOUT);
    assertThat(client.overrideConfiguration().apiCallTimeout())
        .contains(SdkClients.API_CALL_TIMEOUT);
  }
}
