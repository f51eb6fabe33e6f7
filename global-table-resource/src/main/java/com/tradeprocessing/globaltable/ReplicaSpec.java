package com.tradeprocessing.globaltable;

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
 * The resource's properties: the table in the primary region and the regions it is replicated to.
 * Immutable; regions are kept sorted so that work is done in the same order on every invocation.
 */
public record ReplicaSpec(String tableName, SortedSet<String> replicaRegions) {

  /** The property names of {@code Custom::GlobalTableReplica}. */
  public static final String TABLE_NAME = "TableName";

  public static final String REPLICA_REGIONS = "ReplicaRegions";

  /** DynamoDB's own rule for table names. */
  private static final Pattern TABLE_NAME_PATTERN = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  /** A commercial, GovCloud or China region name such as {@code eu-west-1} or {@code us-gov-west-1}. */
  private static final Pattern REGION_PATTERN = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

  public ReplicaSpec {
    Objects.requireNonNull(tableName, "tableName");
    replicaRegions = Collections.unmodifiableSortedSet(new TreeSet<>(replicaRegions));
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
          "The resource has no properties; it needs " + TABLE_NAME + " and " + REPLICA_REGIONS + ".");
    }
    return new ReplicaSpec(
        tableName(properties.get(TABLE_NAME)),
        new TreeSet<>(replicaRegions(properties.get(REPLICA_REGIONS), primaryRegion)));
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
          "Property " + TABLE_NAME + " '" + name
              + "' is not a DynamoDB table name (3-255 characters of a-z, A-Z, 0-9, '_', '-', '.').");
    }
    return name;
  }

  private static Set<String> replicaRegions(JsonNode node, String primaryRegion)
      throws InvalidReplicaPropertiesException {
    if (node == null || node.isNull()) {
      throw new InvalidReplicaPropertiesException(
          "Property " + REPLICA_REGIONS + " is required (a list of region names, e.g. [\"eu-west-1\"]).");
    }
    if (!node.isArray()) {
      throw new InvalidReplicaPropertiesException(
          "Property " + REPLICA_REGIONS + " must be a list of region names, got " + node.getNodeType() + ".");
    }
    if (node.isEmpty()) {
      throw new InvalidReplicaPropertiesException(
          "Property " + REPLICA_REGIONS + " is empty; name at least one region (to drop every replica, delete the resource).");
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
}
