package com.tradeprocessing.globaltable.replica;

import com.tradeprocessing.globaltable.cloudformation.RequestType;
import com.tradeprocessing.globaltable.cloudformation.ResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one CloudFormation request for {@code Custom::GlobalTableReplica}: turns the request
 * into a {@link ReplicaPlan}, runs {@link ReplicaReconciler} passes until the table matches it, and
 * decides the response. It never outlives the invocation: when the invocation's time runs low it
 * asks to be re-invoked to continue the wait, and when the whole wait passes {@link
 * WaitPolicy#maxTotalWait()} it fails with the last progress as the reason.
 *
 * <p>PhysicalResourceId: {@code <TableName>-replicas}. An Update that keeps the table keeps the
 * current id; an Update to another table is a replacement and answers with the new table's id, so
 * CloudFormation then sends a Delete for the old id with the old properties, which removes the old
 * table's replicas. A failed Update or Delete answers with the current id, so CloudFormation never
 * sees a replacement it did not ask for.
 */
public final class GlobalTableReplicaService {

  private static final Logger LOG = LoggerFactory.getLogger(GlobalTableReplicaService.class);

  private final ReplicaReconciler reconciler;
  private final String primaryRegion;
  private final Clock clock;
  private final Sleeper sleeper;
  private final WaitPolicy policy;

  public GlobalTableReplicaService(
      GlobalTableGateway gateway,
      String primaryRegion,
      Clock clock,
      Sleeper sleeper,
      WaitPolicy policy) {
    this.reconciler = new ReplicaReconciler(gateway, primaryRegion);
    this.primaryRegion = primaryRegion;
    this.clock = clock;
    this.sleeper = sleeper;
    this.policy = policy;
  }

  /**
   * Handles the request within the current invocation.
   *
   * @param wait the state carried by a re-invocation; null for the invocation CloudFormation made
   */
  public ReplicaOutcome handle(ReplicaRequest request, WaitState wait, RemainingTime remaining) {
    WaitState state =
        wait != null ? wait : new WaitState(1, clock.instant().plus(policy.maxTotalWait()));
    Decided decided;
    try {
      decided = decide(request);
    } catch (InvalidReplicaPropertiesException e) {
      return rejectInvalid(request, e);
    }
    if (state.attempt() > policy.maxInvocations()) {
      return failed(
          decided,
          "Gave up after " + policy.maxInvocations() + " invocations waiting for the replicas.");
    }
    while (true) {
      ReconcileResult result;
      try {
        result = reconciler.reconcileOnce(decided.plan());
      } catch (GlobalTableAccessException e) {
        LOG.error("DynamoDB call failed", e);
        return failed(decided, e.getMessage());
      }
      switch (result) {
        case ReconcileResult.Converged converged -> {
          LOG.info("Replicas converged: {}", converged.message());
          return new ReplicaOutcome.Finished(
              ResponseStatus.SUCCESS, decided.successId(), converged.message());
        }
        case ReconcileResult.Failed failure -> {
          LOG.warn("Replicas cannot converge: {}", failure.message());
          return failed(decided, failure.message());
        }
        case ReconcileResult.Pending pending -> {
          LOG.info("Replicas pending (invocation {}): {}", state.attempt(), pending.message());
          if (!clock.instant().isBefore(state.deadline())) {
            return failed(
                decided,
                "Gave up after waiting "
                    + minutes(policy.maxTotalWait())
                    + " for the replicas. "
                    + pending.message());
          }
          if (remaining.remaining().compareTo(policy.pollInterval().plus(policy.reinvokeMargin()))
              < 0) {
            if (state.attempt() >= policy.maxInvocations()) {
              return failed(
                  decided,
                  "Gave up after "
                      + policy.maxInvocations()
                      + " invocations waiting for the replicas. "
                      + pending.message());
            }
            return new ReplicaOutcome.Reinvoke(
                state.next(), decided.failureId(), pending.message());
          }
          sleeper.sleep(policy.pollInterval());
        }
      }
    }
  }

  private Decided decide(ReplicaRequest request) throws InvalidReplicaPropertiesException {
    ReplicaSpec current = ReplicaSpec.fromProperties(request.properties(), primaryRegion);
    String existingId = request.physicalResourceId();
    return switch (request.type()) {
      case CREATE ->
          new Decided(
              ReplicaPlan.create(current),
              current.physicalResourceId(),
              current.physicalResourceId());
      case UPDATE -> {
        ReplicaSpec previous = previousSpec(request);
        boolean replacement =
            previous != null
                ? !previous.tableName().equals(current.tableName())
                : !current.physicalResourceId().equals(existingId);
        if (!replacement && previous != null) {
          refuseKeyChangeOfExistingReplicas(previous, current);
        }
        String successId =
            replacement || existingId == null ? current.physicalResourceId() : existingId;
        yield new Decided(
            ReplicaPlan.update(replacement ? null : previous, current), successId, existingId);
      }
      case DELETE -> new Decided(ReplicaPlan.delete(current), existingId, existingId);
    };
  }

  /**
   * The key property is applied when a replica is created. DynamoDB can switch an existing
   * replica's key (UpdateTable {@code ReplicaUpdates[].Update.KMSMasterKeyId},
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateReplicationGroupMemberAction.html),
   * but DescribeTable reports the key's ARN while the property may name an alias, so a pass could
   * not tell whether the switch was done and would repeat it. A changed key for a replica that
   * stays is refused, so the stack update fails and rolls back instead of leaving the old key in
   * place unannounced.
   */
  private static void refuseKeyChangeOfExistingReplicas(ReplicaSpec previous, ReplicaSpec current)
      throws InvalidReplicaPropertiesException {
    if (Objects.equals(previous.replicaKmsKeyId(), current.replicaKmsKeyId())) {
      return;
    }
    SortedSet<String> kept = new TreeSet<>(previous.replicaRegions());
    kept.retainAll(current.replicaRegions());
    if (!kept.isEmpty()) {
      throw new InvalidReplicaPropertiesException(
          "Property "
              + ReplicaSpec.REPLICA_KMS_MASTER_KEY_ID
              + " cannot change for the existing replica in "
              + String.join(", ", kept)
              + " (from "
              + describe(previous.replicaKmsKeyId())
              + " to "
              + describe(current.replicaKmsKeyId())
              + "); it applies to replicas this resource creates. Switch the replica's key with UpdateTable"
              + " ReplicaUpdates Update, then update the stack.");
    }
  }

  private static String describe(String keyId) {
    return keyId == null ? "the key DynamoDB chooses" : "'" + keyId + "'";
  }

  /**
   * Old properties that this code cannot read (a resource made by an older version) mean no
   * removals.
   */
  private ReplicaSpec previousSpec(ReplicaRequest request) {
    try {
      return ReplicaSpec.fromProperties(request.oldProperties(), primaryRegion);
    } catch (InvalidReplicaPropertiesException e) {
      LOG.warn("Old properties are unreadable, so no replica is removed: {}", e.getMessage());
      return null;
    }
  }

  private ReplicaOutcome rejectInvalid(
      ReplicaRequest request, InvalidReplicaPropertiesException e) {
    if (request.type() == RequestType.DELETE) {
      // Properties this code rejects were rejected on Create too, so nothing was ever added.
      return new ReplicaOutcome.Finished(
          ResponseStatus.SUCCESS,
          request.physicalResourceId(),
          "Nothing to remove: " + e.getMessage());
    }
    LOG.warn("Invalid properties: {}", e.getMessage());
    return new ReplicaOutcome.Finished(
        ResponseStatus.FAILED, request.physicalResourceId(), e.getMessage());
  }

  private static ReplicaOutcome failed(Decided decided, String reason) {
    return new ReplicaOutcome.Finished(ResponseStatus.FAILED, decided.failureId(), reason);
  }

  private static String minutes(Duration duration) {
    return duration.toSecondsPart() == 0 && duration.toMinutes() > 0
        ? duration.toMinutes() + " minutes"
        : duration.toSeconds() + " seconds";
  }

  /** The plan and the physical ids to answer with on success and on failure. */
  private record Decided(ReplicaPlan plan, String successId, String failureId) {}
}
