package com.tradeprocessing.globaltable.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ReplicaReconcilerTest {

  private static final String TABLE = "dynamodb-trades-dev";
  private static final String PRIMARY = "us-east-1";

  private static ReplicaPlan createPlan(String... regions) {
    return ReplicaPlan.create(new ReplicaSpec(TABLE, new TreeSet<>(Set.of(regions))));
  }

  @Test
  void reconcileOnce_tableMissingOnCreate_shouldFailNamingTableAndRegion() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = new InMemoryGlobalTableGateway(TABLE).withoutTable();

    // WHEN
    ReconcileResult result =
        new ReplicaReconciler(gateway, PRIMARY).reconcileOnce(createPlan("eu-west-1"));

    // THEN
    assertThat(result).isInstanceOf(ReconcileResult.Failed.class);
    assertThat(result.message()).contains(TABLE).contains("does not exist in us-east-1");
  }

  @Test
  void reconcileOnce_twoMissingReplicas_shouldAddOnlyTheFirstRegion() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = new InMemoryGlobalTableGateway(TABLE);

    // WHEN
    ReconcileResult result =
        new ReplicaReconciler(gateway, PRIMARY)
            .reconcileOnce(createPlan("eu-west-1", "ap-south-1"));

    // THEN
    assertThat(result).isInstanceOf(ReconcileResult.Pending.class);
    assertThat(gateway.changes()).containsExactly("add ap-south-1");
  }

  @Test
  void reconcileOnce_replicaCreating_shouldWaitWithoutChanges() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE).withReplica("eu-west-1", ReplicaStatus.CREATING);

    // WHEN
    ReconcileResult result =
        new ReplicaReconciler(gateway, PRIMARY).reconcileOnce(createPlan("eu-west-1"));

    // THEN
    assertThat(result).isInstanceOf(ReconcileResult.Pending.class);
    assertThat(result.message()).contains("eu-west-1 CREATING");
    assertThat(gateway.changes()).isEmpty();
  }

  @Test
  void reconcileOnce_tableUpdating_shouldWaitBeforeAddingReplica() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE).withTableStatus("UPDATING");

    // WHEN
    ReconcileResult result =
        new ReplicaReconciler(gateway, PRIMARY).reconcileOnce(createPlan("eu-west-1"));

    // THEN
    assertThat(result).isInstanceOf(ReconcileResult.Pending.class);
    assertThat(result.message()).contains("UPDATING");
    assertThat(gateway.changes()).isEmpty();
  }

  @Test
  void reconcileOnce_tableBusyWithAnotherChange_shouldStayPending() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = new InMemoryGlobalTableGateway(TABLE).busy();

    // WHEN
    ReconcileResult result =
        new ReplicaReconciler(gateway, PRIMARY).reconcileOnce(createPlan("eu-west-1"));

    // THEN
    assertThat(result).isInstanceOf(ReconcileResult.Pending.class);
    assertThat(result.message()).contains("busy");
  }

  @Test
  void reconcileOnce_replicaActiveWithoutPitr_shouldEnablePitrAndConverge() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE).withReplica("eu-west-1", ReplicaStatus.ACTIVE);

    // WHEN
    ReconcileResult result =
        new ReplicaReconciler(gateway, PRIMARY).reconcileOnce(createPlan("eu-west-1"));

    // THEN
    assertThat(result).isInstanceOf(ReconcileResult.Converged.class);
    assertThat(gateway.changes()).containsExactly("enable pitr eu-west-1");
  }

  @Test
  void reconcileOnce_replicaActiveWithPitr_shouldConvergeWithoutChanges() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE)
            .withReplica("eu-west-1", ReplicaStatus.ACTIVE, PointInTimeRecoveryStatus.ENABLED);

    // WHEN
    ReconcileResult result =
        new ReplicaReconciler(gateway, PRIMARY).reconcileOnce(createPlan("eu-west-1"));

    // THEN
    assertThat(result).isInstanceOf(ReconcileResult.Converged.class);
    assertThat(result.message())
        .contains("ACTIVE replicas in eu-west-1 with point-in-time recovery enabled");
    assertThat(gateway.changes()).isEmpty();
  }

  @Test
  void reconcileOnce_backupsNotYetAvailable_shouldStayPending() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE)
            .withReplica("eu-west-1", ReplicaStatus.ACTIVE)
            .withBackupsNotReady("eu-west-1");

    // WHEN
    ReconcileResult result =
        new ReplicaReconciler(gateway, PRIMARY).reconcileOnce(createPlan("eu-west-1"));

    // THEN
    assertThat(result).isInstanceOf(ReconcileResult.Pending.class);
    assertThat(result.message()).contains("point-in-time recovery").contains("eu-west-1");
  }

  @Test
  void reconcileOnce_replicaCreationFailed_shouldFailWithItsStatus() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE)
            .withReplica("eu-west-1", ReplicaStatus.CREATION_FAILED);

    // WHEN
    ReconcileResult result =
        new ReplicaReconciler(gateway, PRIMARY).reconcileOnce(createPlan("eu-west-1"));

    // THEN
    assertThat(result).isInstanceOf(ReconcileResult.Failed.class);
    assertThat(result.message()).contains("eu-west-1 CREATION_FAILED");
  }

  @Test
  void reconcileOnce_updateDropsRegion_shouldRemoveItAndLeaveOthers() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE)
            .withReplica("eu-west-1", ReplicaStatus.ACTIVE, PointInTimeRecoveryStatus.ENABLED)
            .withReplica("ap-south-1", ReplicaStatus.ACTIVE, PointInTimeRecoveryStatus.ENABLED)
            .withReplica("sa-east-1", ReplicaStatus.ACTIVE);
    ReplicaPlan plan =
        ReplicaPlan.update(
            new ReplicaSpec(TABLE, new TreeSet<>(Set.of("eu-west-1", "ap-south-1"))),
            new ReplicaSpec(TABLE, new TreeSet<>(Set.of("eu-west-1"))));

    // WHEN
    ReconcileResult result = new ReplicaReconciler(gateway, PRIMARY).reconcileOnce(plan);

    // THEN
    assertThat(result).isInstanceOf(ReconcileResult.Pending.class);
    assertThat(gateway.changes()).containsExactly("remove ap-south-1");
  }

  @Test
  void reconcileOnce_deleteWhenTableGone_shouldConverge() {
    // GIVEN
    InMemoryGlobalTableGateway gateway = new InMemoryGlobalTableGateway(TABLE).withoutTable();

    // WHEN
    ReconcileResult result =
        new ReplicaReconciler(gateway, PRIMARY)
            .reconcileOnce(
                ReplicaPlan.delete(new ReplicaSpec(TABLE, new TreeSet<>(Set.of("eu-west-1")))));

    // THEN
    assertThat(result).isInstanceOf(ReconcileResult.Converged.class);
  }

  @Test
  void reconcileOnce_deleteWhenReplicaGone_shouldConvergeWithoutChanges() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE).withReplica("sa-east-1", ReplicaStatus.ACTIVE);

    // WHEN
    ReconcileResult result =
        new ReplicaReconciler(gateway, PRIMARY)
            .reconcileOnce(
                ReplicaPlan.delete(new ReplicaSpec(TABLE, new TreeSet<>(Set.of("eu-west-1")))));

    // THEN
    assertThat(result).isInstanceOf(ReconcileResult.Converged.class);
    assertThat(gateway.changes()).isEmpty();
  }

  @Test
  void reconcileOnce_deleteWhileReplicaCreating_shouldWaitBeforeRemoving() {
    // GIVEN
    InMemoryGlobalTableGateway gateway =
        new InMemoryGlobalTableGateway(TABLE).withReplica("eu-west-1", ReplicaStatus.CREATING);
    ReplicaPlan plan =
        ReplicaPlan.delete(new ReplicaSpec(TABLE, new TreeSet<>(Set.of("eu-west-1"))));

    // WHEN
    ReconcileResult waiting = new ReplicaReconciler(gateway, PRIMARY).reconcileOnce(plan);
    gateway.settle();
    ReconcileResult removing = new ReplicaReconciler(gateway, PRIMARY).reconcileOnce(plan);

    // THEN
    assertThat(waiting).isInstanceOf(ReconcileResult.Pending.class);
    assertThat(removing).isInstanceOf(ReconcileResult.Pending.class);
    assertThat(gateway.changes()).containsExactly("remove eu-west-1");
  }
}
