package com.tradeprocessing.globaltable.replica;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The resource's properties: the table in the primary region, the regions it is replicated to and
 * the KMS key a new replica is encrypted with (null: the key DynamoDB chooses, the AWS managed key
 * when the table uses one). Immutable; regions are kept sorted so that work is done in the same
 * order on every invocation.
 */
public record ReplicaSpec(
    String tableName, SortedSet<String> replicaRegions, String replicaKmsKeyId) {

  /** The property names of {@code Custom::GlobalTableReplica}. */
  public static final String TABLE_NAME = "TableName";

  public static final String REPLICA_REGIONS = "ReplicaRegions";

  /**
   * The key of each new replica, as UpdateTable's {@code ReplicaUpdates[].Create.KMSMasterKeyId}
   * takes it: a key id, key ARN, alias name or alias ARN of a key in the replica's region
   * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateReplicationGroupMemberAction.html).
   */
  public static final String REPLICA_KMS_MASTER_KEY_ID = "ReplicaKMSMasterKeyId";

  /** DynamoDB's own rule for table names. */
  private static final Pattern TABLE_NAME_PATTERN = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  /**
   * A commercial, GovCloud or China region name such as {@code eu-west-1} or {@code us-gov-west-1}.
   */
  private static final Pattern REGION_PATTERN = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

  /** A key or alias ARN; group 1 is its region. */
  private static final Pattern KEY_ARN_PATTERN =
      Pattern.compile(
          "arn:aws[a-z-]*:kms:([a-z0-9-]+):[0-9]{12}:(key/[a-zA-Z0-9-]+|alias/[a-zA-Z0-9/_-]+)");

  /** A key id (including a multi-Region key's {@code mrk-} id) or an alias name. */
  private static final Pattern KEY_ID_PATTERN =
      Pattern.compile(
          "(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|alias/[a-zA-Z0-9/_-]+)");

  public ReplicaSpec {
    Objects.requireNonNull(tableName, "tableName");
    replicaRegions = Collections.unmodifiableSortedSet(new TreeSet<>(replicaRegions));
  }

  /** Replicas under the key DynamoDB chooses. */
  public ReplicaSpec(String tableName, SortedSet<String> replicaRegions) {
    this(tableName, replicaRegions, null);
  }

  /**
   * Reads and validates the properties CloudFormation sent. CloudFormation sends every scalar as a
   * string and a list as an array of strings.
   *
   * @param properties {@code ResourceProperties} or {@code OldResourceProperties}
   * @param primaryRegion the region the table lives in, which cannot also be a replica region
   */
  public static ReplicaSpec fromProperties(JsonNode properties, String primaryRegion)
      throws InvalidReplicaPropertiesException {
    if (properties == null || !properties.isObject()) {
      throw new InvalidReplicaPropertiesException(
          "The resource has no properties; it needs "
              + TABLE_NAME
              + " and "
              + REPLICA_REGIONS
              + ".");
    }
    SortedSet<String> regions =
        new TreeSet<>(replicaRegions(properties.get(REPLICA_REGIONS), primaryRegion));
    return new ReplicaSpec(
        tableName(properties.get(TABLE_NAME)),
        regions,
        replicaKmsKeyId(properties.get(REPLICA_KMS_MASTER_KEY_ID), regions));
  }

  /** The physical id of the resource that manages this table's replicas. */
  public String physicalResourceId() {
    return physicalResourceIdFor(tableName);
  }

  /** The physical id for a table: stable across updates that keep the table. */
  public static String physicalResourceIdFor(String tableName) {
    return tableName + "-replicas";
  }

  private static String tableName(JsonNode node) throws InvalidReplicaPropertiesException {
    if (node == null || node.isNull()) {
      throw new InvalidReplicaPropertiesException("Property " + TABLE_NAME + " is required.");
    }
    if (!node.isTextual()) {
      throw new InvalidReplicaPropertiesException(
          "Property " + TABLE_NAME + " must be a string, got " + node.getNodeType() + ".");
    }
    String name = node.asText();
    if (!TABLE_NAME_PATTERN.matcher(name).matches()) {
      throw new InvalidReplicaPropertiesException(
          "Property "
              + TABLE_NAME
              + " '"
              + name
              + "' is not a DynamoDB table name (3-255 characters of a-z, A-Z, 0-9, '_', '-', '.').");
    }
    return name;
  }

  private static Set<String> replicaRegions(JsonNode node, String primaryRegion)
      throws InvalidReplicaPropertiesException {
    if (node == null || node.isNull()) {
      throw new InvalidReplicaPropertiesException(
          "Property "
              + REPLICA_REGIONS
              + " is required (a list of region names, e.g. [\"eu-west-1\"]).");
    }
    if (!node.isArray()) {
      throw new InvalidReplicaPropertiesException(
          "Property "
              + REPLICA_REGIONS
              + " must be a list of region names, got "
              + node.getNodeType()
              + ".");
    }
    if (node.isEmpty()) {
      throw new InvalidReplicaPropertiesException(
          "Property "
              + REPLICA_REGIONS
              + " is empty; name at least one region (to drop every replica, delete the resource).");
    }
    Set<String> regions = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode element : node) {
      String region = element.isTextual() ? element.asText() : element.toString();
      if (!element.isTextual() || !REGION_PATTERN.matcher(region).matches()) {
        problems.add("'" + region + "' is not a region name");
      } else if (region.equals(primaryRegion)) {
        problems.add("'" + region + "' is the table's own region");
      } else if (!regions.add(region)) {
        problems.add("'" + region + "' is listed twice");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidReplicaPropertiesException(
          "Property " + REPLICA_REGIONS + " is invalid: " + String.join("; ", problems) + ".");
    }
    return regions;
  }

  /**
   * A key is regional: a key or alias ARN names the key of one region, so it serves only a replica
   * in that region. An alias name is looked up in each replica's own region.
   */
  private static String replicaKmsKeyId(JsonNode node, SortedSet<String> regions)
      throws InvalidReplicaPropertiesException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidReplicaPropertiesException(
          "Property "
              + REPLICA_KMS_MASTER_KEY_ID
              + " must be a string, got "
              + node.getNodeType()
              + ".");
    }
    String keyId = node.asText();
    var arn = KEY_ARN_PATTERN.matcher(keyId);
    if (arn.matches()) {
      List<String> otherRegions =
          regions.stream().filter(region -> !region.equals(arn.group(1))).toList();
      if (!otherRegions.isEmpty()) {
        throw new InvalidReplicaPropertiesException(
            "Property "
                + REPLICA_KMS_MASTER_KEY_ID
                + " '"
                + keyId
                + "' is a key of "
                + arn.group(1)
                + ", which cannot encrypt the replica in "
                + String.join(", ", otherRegions)
                + "; name the key of the replica's region, or an alias that every replica region has.");
      }
      return keyId;
    }
    if (!KEY_ID_PATTERN.matcher(keyId).matches()) {
      throw new InvalidReplicaPropertiesException(
          "Property "
              + REPLICA_KMS_MASTER_KEY_ID
              + " '"
              + keyId
              + "' is not a KMS key id, key ARN, alias name or alias ARN.");
    }
    return keyId;
  }
}
