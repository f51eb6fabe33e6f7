package com.tradeprocessing.cli;

import com.tradeprocessing.cli.aws.AwsConnection;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Where every command works: an environment in a region of AWS, or the local platform. */
public final class ConnectionOptions {

  /** The primary region of every deployment (root.json's PrimaryRegion default). */
  public static final String PRIMARY_REGION = "us-east-1";

  @Option(
      names = "--env",
      paramLabel = "SUFFIX",
      description =
          "The environment suffix (the ENV of make deploy, e.g. dev). With --local, the local"
              + " platform's by default.")
  String environment;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "The region to work in (default: ${DEFAULT-VALUE}, the primary; eu-west-1 is the"
              + " replica).",
      defaultValue = PRIMARY_REGION)
  String region;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "The AWS profile of ~/.aws/config (default: AWS_PROFILE, else the SDK's default"
              + " credentials chain).")
  String profile;

  @Option(
      names = "--local",
      description =
          "Work on the local platform that make run-local KEEP=1 keeps up (its embedded"
              + " emulator).")
  boolean local;

  @Option(
      names = "--platform-file",
      paramLabel = "FILE",
      hidden = true,
      defaultValue = "${env:TRADES_PLATFORM_FILE:-" + LocalPlatformFile.DEFAULT_PATH + "}",
      description = "Where --local finds the running platform (default: ${DEFAULT-VALUE}).")
  Path platformFile;

  /** The connection and the environment's names these options select. */
  public Session open() {
    if (local) {
      LocalPlatformFile platform = LocalPlatformFile.read(platformFile);
      EnvironmentNames names =
          new EnvironmentNames(environment == null ? platform.environment() : environment);
      AwsCredentialsProvider credentials =
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(platform.accessKeyId(), platform.secretAccessKey()));
      return new Session(
          new AwsConnection(Region.of(platform.region()), credentials, platform.endpoint()), names);
    }
    if (environment == null) {
      throw new TradesException(
          "--env is missing: pass the environment suffix (e.g. --env dev), or --local for the"
              + " local platform");
    }
    EnvironmentNames names = new EnvironmentNames(environment);
    AwsCredentialsProvider credentials =
        profile == null
            ? DefaultCredentialsProvider.builder().build()
            : ProfileCredentialsProvider.builder().profileName(profile).build();
    return new Session(new AwsConnection(Region.of(region), credentials, null), names);
  }
}
