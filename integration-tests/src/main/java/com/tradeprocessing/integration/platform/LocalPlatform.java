package com.tradeprocessing.integration.platform;

import com.tradeprocessing.integration.provision.Deployment;
import com.tradeprocessing.integration.provision.FunctionDeployer;
import com.tradeprocessing.integration.provision.TemplateProvisioner;
import com.tradeprocessing.integration.referencedata.ReferenceDataServer;
import com.tradeprocessing.integration.referencedata.ReferenceDataset;
import com.tradeprocessing.templates.SampleDeployment;
import com.tradeprocessing.templates.TemplateSet;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * The whole pipeline on this machine: a backend, the local reference-data API, and every resource
 * of the templates provisioned into the backend from the templates' own definitions.
 */
public final class LocalPlatform implements AutoCloseable {

  private final Backend backend;
  private final ReferenceDataServer referenceData;
  private final FunctionDeployer functions;
  private final Deployment deployment;
  private final ProjectLayout layout;
  private final PlatformSettings settings;
  private final Map<String, String> parameters;

  private LocalPlatform(
      Backend backend,
      ReferenceDataServer referenceData,
      FunctionDeployer functions,
      Deployment deployment,
      ProjectLayout layout,
      PlatformSettings settings,
      Map<String, String> parameters) {
    this.backend = backend;
    this.referenceData = referenceData;
    this.functions = functions;
    this.deployment = deployment;
    this.layout = layout;
    this.settings = settings;
    this.parameters = Map.copyOf(parameters);
  }

  public static LocalPlatform start(
      ProjectLayout layout, PlatformSettings settings, BackendFactory backends) throws IOException {
    Backend backend = backends.start(layout, settings);
    ReferenceDataServer referenceData = null;
    try {
      referenceData =
          ReferenceDataServer.start(
              backend.addressForFunctions(),
              backend.hostForFunctions(),
              ReferenceDataset.shipped());
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("EnvironmentSuffix", settings.environmentSuffix());
      parameters.put("ReferenceDataBaseUrl", referenceData.baseUrl().toString());
      parameters.putAll(settings.parameterOverrides());
      SampleDeployment evaluation =
          new SampleDeployment(
              TemplateSet.load(layout.templates()),
              backend.account(),
              backend.region().id(),
              parameters);
      FunctionDeployer functions = backend.functionDeployer();
      Deployment deployment =
          new TemplateProvisioner(backend.clients(), functions, settings.log())
              .provision(evaluation, settings.environmentSuffix());
      deployment.stateMachineFunctions().forEach(functions::prewarm);
      return new LocalPlatform(
          backend, referenceData, functions, deployment, layout, settings, parameters);
    } catch (IOException | RuntimeException e) {
      if (referenceData != null) {
        referenceData.close();
      }
      backend.close();
      throw e;
    }
  }

  /**
   * Provisions the templates' replica-region deployment into {@code region} of the same backend,
   * with the same parameters: its own bus, rules, queues, parameters and state machine, the table
   * as a replica of this region's. Its functions share the sandboxes of this region's functions of
   * the same name (one Lambda host), whose AWS clients are configured for this region: the replica
   * region's recorder writes this region's table. Returns the region's deployment and clients.
   */
  public RegionalDeployment provisionRegion(String region) {
    BackendClients regionClients = backend.clientsOf(Region.of(region));
    String table = deployment.tableName();
    boolean replicated =
        clients()
            .dynamoDb()
            .describeTable(request -> request.tableName(table))
            .table()
            .replicas()
            .stream()
            .anyMatch(replica -> replica.regionName().equals(region));
    if (!replicated) {
      clients()
          .dynamoDb()
          .updateTable(
              request ->
                  request
                      .tableName(table)
                      .replicaUpdates(
                          ReplicationGroupUpdate.builder()
                              .create(create -> create.regionName(region))
                              .build()));
    }
    SampleDeployment evaluation =
        new SampleDeployment(
            TemplateSet.load(layout.templates()), backend.account(), region, parameters);
    Deployment regional =
        new TemplateProvisioner(
                regionClients, backend.functionDeployer(regionClients), settings.log())
            .provision(evaluation, settings.environmentSuffix());
    return new RegionalDeployment(region, regional, regionClients);
  }

  /** A region provisioned beside the platform's own ({@link #provisionRegion}). */
  public record RegionalDeployment(String region, Deployment deployment, BackendClients clients)
      implements AutoCloseable {
    @Override
    public void close() {
      clients.close();
    }
  }

  public Backend backend() {
    return backend;
  }

  public BackendClients clients() {
    return backend.clients();
  }

  public Deployment deployment() {
    return deployment;
  }

  public ReferenceDataServer referenceData() {
    return referenceData;
  }

  /**
   * Sets or removes ({@code null} value) environment variables of a function through {@code
   * UpdateFunctionConfiguration}; invocations from then on run with the new configuration.
   */
  public void updateFunctionEnvironment(String functionName, Map<String, String> changes) {
    GetFunctionConfigurationResponse current =
        clients().lambda().getFunctionConfiguration(request -> request.functionName(functionName));
    Map<String, String> variables = new LinkedHashMap<>(current.environment().variables());
    changes.forEach(
        (name, value) -> {
          if (value == null) {
            variables.remove(name);
          } else {
            variables.put(name, value);
          }
        });
    clients()
        .lambda()
        .updateFunctionConfiguration(
            request ->
                request
                    .functionName(functionName)
                    .environment(environment -> environment.variables(variables)));
    functions.configurationChanged(functionName);
  }

  @Override
  public void close() {
    try {
      referenceData.close();
    } finally {
      backend.close();
    }
  }
}
