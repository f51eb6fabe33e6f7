package com.tradeprocessing.globaltable.aws;

import com.tradeprocessing.globaltable.replica.GlobalTableAccessException;
import com.tradeprocessing.globaltable.replica.GlobalTableGateway;
import com.tradeprocessing.globaltable.replica.PointInTimeRecoveryStatus;
import com.tradeprocessing.globaltable.replica.ReplicaChange;
import com.tradeprocessing.globaltable.replica.ReplicaState;
import com.tradeprocessing.globaltable.replica.ReplicaStatus;
import com.tradeprocessing.globaltable.replica.TableState;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;

/**
 * {@link GlobalTableGateway} over the DynamoDB API: replica changes go to the primary region
 * ({@code UpdateTable} with {@code ReplicaUpdates}, global tables version 2019.11.21);
 * point-in-time recovery is read and set in each replica's own region, because it is a per-replica
 * setting that replication does not copy. The SDK clients retry throttling and transient errors
 * themselves; what is left after their retries is a {@link GlobalTableAccessException}.
 */
public final class DynamoGlobalTableGateway implements GlobalTableGateway {

  private final DynamoDbClient primary;
  private final String primaryRegion;
  private final Function<String, DynamoDbClient> replicaClients;

  /**
   * @param primary client for the table's region
   * @param replicaClients client for a replica region, built once per region by the caller
   */
  public DynamoGlobalTableGateway(
      DynamoDbClient primary,
      String primaryRegion,
      Function<String, DynamoDbClient> replicaClients) {
    this.primary = primary;
    this.primaryRegion = primaryRegion;
    this.replicaClients = replicaClients;
  }

  @Override
  public Optional<TableState> describeTable(String tableName) {
    try {
      TableDescription table =
          call(
              "DescribeTable",
              primaryRegion,
              () -> primary.describeTable(r -> r.tableName(tableName)).table());
      Map<String, ReplicaState> replicas = new TreeMap<>();
      for (ReplicaDescription replica : table.replicas()) {
        if (!primaryRegion.equals(replica.regionName())) {
          replicas.put(
              replica.regionName(),
              new ReplicaState(
                  replica.regionName(),
                  ReplicaStatus.fromWireValue(replica.replicaStatusAsString()),
                  replica.replicaStatusDescription()));
        }
      }
      return Optional.of(TableState.of(tableName, table.tableStatusAsString(), replicas));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public ReplicaChange addReplica(
      String tableName, String region, Optional<String> kmsMasterKeyId) {
    return changeReplicas(
        tableName,
        ReplicationGroupUpdate.builder()
            .create(c -> c.regionName(region).kmsMasterKeyId(kmsMasterKeyId.orElse(null)))
            .build());
  }

  @Override
  public ReplicaChange removeReplica(String tableName, String region) {
    return changeReplicas(
        tableName, ReplicationGroupUpdate.builder().delete(d -> d.regionName(region)).build());
  }

  private ReplicaChange changeReplicas(String tableName, ReplicationGroupUpdate update) {
    try {
      call(
          "UpdateTable",
          primaryRegion,
          () -> primary.updateTable(r -> r.tableName(tableName).replicaUpdates(update)));
      return ReplicaChange.STARTED;
    } catch (ResourceInUseException | LimitExceededException e) {
      return ReplicaChange.TABLE_BUSY;
    }
  }

  @Override
  public PointInTimeRecoveryStatus pointInTimeRecovery(String tableName, String region) {
    DynamoDbClient client = replicaClients.apply(region);
    try {
      return status(
          call(
              "DescribeContinuousBackups",
              region,
              () ->
                  client
                      .describeContinuousBackups(r -> r.tableName(tableName))
                      .continuousBackupsDescription()));
    } catch (TableNotFoundException
        | ResourceNotFoundException
        | ContinuousBackupsUnavailableException e) {
      return PointInTimeRecoveryStatus.NOT_READY;
    }
  }

  @Override
  public PointInTimeRecoveryStatus enablePointInTimeRecovery(String tableName, String region) {
    DynamoDbClient client = replicaClients.apply(region);
    try {
      PointInTimeRecoveryStatus status =
          status(
              call(
                  "UpdateContinuousBackups",
                  region,
                  () ->
                      client
                          .updateContinuousBackups(
                              r ->
                                  r.tableName(tableName)
                                      .pointInTimeRecoverySpecification(
                                          p -> p.pointInTimeRecoveryEnabled(true)))
                          .continuousBackupsDescription()));
      return status == PointInTimeRecoveryStatus.ENABLED
          ? status
          : PointInTimeRecoveryStatus.NOT_READY;
    } catch (TableNotFoundException
        | ResourceNotFoundException
        | ContinuousBackupsUnavailableException e) {
      return PointInTimeRecoveryStatus.NOT_READY;
    }
  }

  private static PointInTimeRecoveryStatus status(ContinuousBackupsDescription backups) {
    PointInTimeRecoveryDescription pitr =
        backups == null ? null : backups.pointInTimeRecoveryDescription();
    if (pitr == null) {
      return PointInTimeRecoveryStatus.NOT_READY;
    }
    return "ENABLED".equals(pitr.pointInTimeRecoveryStatusAsString())
        ? PointInTimeRecoveryStatus.ENABLED
        : PointInTimeRecoveryStatus.DISABLED;
  }

  /**
   * Runs one call; the exceptions the caller handles (not found, busy) pass through, every other
   * failure becomes a {@link GlobalTableAccessException} that names the operation and the region.
   */
  private static <T> T call(String operation, String region, Supplier<T> call) {
    try {
      return call.get();
    } catch (ResourceNotFoundException
        | TableNotFoundException
        | ContinuousBackupsUnavailableException
        | ResourceInUseException
        | LimitExceededException e) {
      throw e;
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode() + ": ";
      String message =
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      throw new GlobalTableAccessException(
          "DynamoDB " + operation + " in " + region + " failed: " + code + message, e);
    } catch (SdkException e) {
      throw new GlobalTableAccessException(
          "DynamoDB " + operation + " in " + region + " could not be called: " + e.getMessage(), e);
    }
  }
}
