package com.tradeprocessing.integration.provision;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::Lambda::Function} of the templates, its values evaluated for the deployment.
 *
 * @param logicalId the resource's logical id in its template
 * @param imageCommand {@code ImageConfig.Command}: the handler string the image runs
 */
public record FunctionSpec(
    String logicalId,
    String name,
    String description,
    String roleArn,
    String imageUri,
    List<String> imageCommand,
    Map<String, String> environment,
    int timeoutSeconds,
    int memoryMb,
    List<String> architectures,
    Optional<String> deadLetterTargetArn,
    Optional<String> tracingMode,
    Optional<String> logGroup,
    Optional<String> logFormat,
    Optional<String> applicationLogLevel,
    Optional<String> systemLogLevel) {

  public FunctionSpec {
    imageCommand = List.copyOf(imageCommand);
    environment = Map.copyOf(environment);
    architectures = List.copyOf(architectures);
  }
}
