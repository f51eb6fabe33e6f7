package com.tradeprocessing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The trades table: billing, recovery, streams, encryption, keys and its global replica. */
final class TableRules {

  static final TemplateRule ON_DEMAND =
      eachTable(
          "tables-on-demand",
          (table, violations) -> {
            if (!table.property("BillingMode").asText().equals("PAY_PER_REQUEST")) {
              violations.add(table.where() + " BillingMode is not PAY_PER_REQUEST");
            }
            if (Intrinsics.memberNames(table.properties())
                .anyMatch("ProvisionedThroughput"::equals)) {
              violations.add(table.where() + " sets ProvisionedThroughput");
            }
          });

  static final TemplateRule POINT_IN_TIME_RECOVERY =
      eachTable(
          "tables-point-in-time-recovery",
          (table, violations) -> {
            if (!table
                .property("PointInTimeRecoverySpecification")
                .path("PointInTimeRecoveryEnabled")
                .asBoolean(false)) {
              violations.add(table.where() + " has no point-in-time recovery");
            }
          });

  /** Global tables replicate from the stream, which must carry both images. */
  static final TemplateRule NEW_AND_OLD_IMAGES_STREAM =
      eachTable(
          "tables-stream-new-and-old-images",
          (table, violations) -> {
            if (!table
                .property("StreamSpecification")
                .path("StreamViewType")
                .asText()
                .equals("NEW_AND_OLD_IMAGES")) {
              violations.add(table.where() + " does not stream NEW_AND_OLD_IMAGES");
            }
          });

  static final TemplateRule ENCRYPTED =
      eachTable(
          "tables-encrypted",
          (table, violations) -> {
            if (!table.property("SSESpecification").path("SSEEnabled").asBoolean(false)) {
              violations.add(table.where() + " SSESpecification.SSEEnabled is not true");
            }
          });

  /**
   * The recorder's design (docs/trade-record.md): one record per trade id, queried by instrument
   * and execution time, and by status and day in recording order.
   */
  static final TemplateRule RECORDER_KEY_DESIGN =
      eachTable(
          "trades-table-keys-of-recorder-design",
          (table, violations) -> {
            JsonNode properties = table.properties();
            JsonNode keys = Template.MAPPER.createArrayNode().add(key("tradeId", "HASH"));
            if (!properties.path("KeySchema").equals(keys)) {
              violations.add(table.where() + " key is not tradeId alone");
            }
            JsonNode byInstrument =
                Template.MAPPER
                    .createArrayNode()
                    .add(key("isin", "HASH"))
                    .add(key("executedAt", "RANGE"));
            // Every record has recordedAt, so every record of a status and day is in the index;
            // executedAt would leave out payloads that never became a trade.
            JsonNode byStatusDate =
                Template.MAPPER
                    .createArrayNode()
                    .add(key("statusDate", "HASH"))
                    .add(key("recordedAt", "RANGE"));
            checkIndex(table, "by-instrument", byInstrument, violations);
            checkIndex(table, "by-status-date", byStatusDate, violations);
            if (properties.path("GlobalSecondaryIndexes").size() != 2
                || properties.has("LocalSecondaryIndexes")) {
              violations.add(
                  table.where() + " has indexes beyond by-instrument and by-status-date");
            }
            Set<String> attributes = new java.util.TreeSet<>();
            for (JsonNode attribute : properties.path("AttributeDefinitions")) {
              if (!attribute.path("AttributeType").asText().equals("S")) {
                violations.add(
                    table.where()
                        + " attribute "
                        + attribute.path("AttributeName").asText()
                        + " is not a string");
              }
              attributes.add(attribute.path("AttributeName").asText());
            }
            if (!attributes.equals(
                Set.of("tradeId", "isin", "executedAt", "statusDate", "recordedAt"))) {
              violations.add(table.where() + " defines attributes " + attributes);
            }
          });

  /**
   * What an operator's listing shows of a record (docs/trade-record.md, "What the indexes hold"):
   * every index entry carries these attributes, the index keys and the table key, and nothing else,
   * so a listing needs no read of the table and a full record is one GetItem on the table.
   */
  static final List<String> LISTING_ATTRIBUTES =
      List.of(
          "tradeId",
          "recordKind",
          "originalTradeId",
          "sourceSystem",
          "sourceTradeId",
          "status",
          "reasonCodes",
          "isin",
          "executedAt",
          "tradeDate",
          "recordedAt");

  /**
   * The largest value, in DynamoDB's bytes, that the recorder writes for each attribute an index
   * may hold (docs/trade-record.md, "Sizes"): a record key is at most {@code UNIDENTIFIED#} and 64
   * hex, a source trade id 1 to 64 printable ASCII characters, the source one of the three routed
   * sources, instants 24 characters; {@code reasonCodes} at most every reason code once (19 codes
   * of at most 23 characters: 3 bytes for the list, 1 more per element). An attribute not listed
   * here (the payload, the stage results, the problems) has no bound below the item's.
   */
  private static final Map<String, Integer> LARGEST_VALUE_BYTES =
      Map.ofEntries(
          Map.entry("tradeId", 77),
          Map.entry("recordKind", 12),
          Map.entry("originalTradeId", 36),
          Map.entry("sourceSystem", 20),
          Map.entry("sourceTradeId", 64),
          Map.entry("status", 8),
          Map.entry("reasonCodes", 3 + 19 * (23 + 1)),
          Map.entry("isin", 12),
          Map.entry("executedAt", 24),
          Map.entry("tradeDate", 10),
          Map.entry("statusDate", 19),
          Map.entry("recordedAt", 24));

  /**
   * An index write costs one write request unit per KB of the entry, and an entry holds the table
   * key, the index keys and the projected attributes
   * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations);
   * the 100 bytes of overhead that page counts for an entry's storage are added too, to stay on the
   * safe side. Each replica of the global table holds the same indexes and writes them again
   * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables.DetermineVersion.html).
   */
  static final int INDEX_ENTRY_OVERHEAD_BYTES = 100;

  static final int WRITE_UNIT_BYTES = 1024;

  /**
   * Both indexes project the listing only ({@code INCLUDE}), never the payload or the stage
   * results: the largest entry the recorder can write fits one write unit, where {@code ALL} copied
   * the whole record (1.8 KB on average, 2 to 3 units) into each index in each region.
   */
  static final TemplateRule INDEXES_PROJECT_THE_LISTING =
      eachTable(
          "trades-table-indexes-project-the-listing",
          (table, violations) -> {
            for (JsonNode index : Intrinsics.oneOrMany(table.property("GlobalSecondaryIndexes"))) {
              String where = table.where() + " index " + index.path("IndexName").asText();
              JsonNode projection = index.path("Projection");
              if (!projection.path("ProjectionType").asText().equals("INCLUDE")) {
                violations.add(
                    where
                        + " projects "
                        + projection.path("ProjectionType").asText()
                        + ", not INCLUDE of the listing");
                continue;
              }
              Set<String> keys = new java.util.LinkedHashSet<>();
              table
                  .property("KeySchema")
                  .forEach(key -> keys.add(key.path("AttributeName").asText()));
              index.path("KeySchema").forEach(key -> keys.add(key.path("AttributeName").asText()));
              Set<String> projected = new java.util.LinkedHashSet<>();
              projection
                  .path("NonKeyAttributes")
                  .forEach(attribute -> projected.add(attribute.asText()));
              for (String attribute : LISTING_ATTRIBUTES) {
                if (!keys.contains(attribute) && !projected.contains(attribute)) {
                  violations.add(
                      where + " does not project " + attribute + ", which the listing shows");
                }
              }
              int largest = INDEX_ENTRY_OVERHEAD_BYTES;
              Set<String> entry = new java.util.LinkedHashSet<>(keys);
              entry.addAll(projected);
              for (String attribute : entry) {
                Integer value = LARGEST_VALUE_BYTES.get(attribute);
                if (value == null) {
                  violations.add(where + " projects " + attribute + ", whose size has no bound");
                } else {
                  largest += attribute.getBytes(StandardCharsets.UTF_8).length + value;
                }
              }
              if (largest > WRITE_UNIT_BYTES) {
                violations.add(
                    where + " entries can reach " + largest + " bytes, over one write unit");
              }
            }
          });

  /** Made global by the project's custom resource, never by AWS::DynamoDB::GlobalTable. */
  static final TemplateRule GLOBAL_BY_CUSTOM_RESOURCE =
      TemplateRule.deployed(
          "tables-made-global-by-custom-resource",
          (templates, deployment, violations) -> {
            templates
                .resourcesOfType("AWS::DynamoDB::GlobalTable")
                .forEach(
                    global -> violations.add(global.where() + " is an AWS::DynamoDB::GlobalTable"));
            for (Resource table : templates.resourcesOfType("AWS::DynamoDB::Table")) {
              Optional<Resource> replica =
                  table.template().resourcesOfType("Custom::GlobalTableReplica").stream()
                      .filter(
                          resource ->
                              Intrinsics.ref(resource.property("TableName"))
                                  .orElse("")
                                  .equals(table.logicalId()))
                      .findFirst();
              if (replica.isEmpty()) {
                violations.add(table.where() + " has no Custom::GlobalTableReplica");
                continue;
              }
              JsonNode properties = replica.get().properties();
              if (!Intrinsics.names(properties)
                  .equals(
                      List.of(
                          "ServiceToken",
                          "TableName",
                          "ReplicaRegions",
                          "ReplicaKMSMasterKeyId"))) {
                violations.add(
                    replica.get().where()
                        + " properties are "
                        + Intrinsics.names(properties)
                        + ", not [ServiceToken, TableName, ReplicaRegions, ReplicaKMSMasterKeyId]");
              }
              boolean handler =
                  Intrinsics.getAtt(properties.path("ServiceToken"))
                      .flatMap(getAtt -> table.template().resource(getAtt.logicalId()))
                      .flatMap(function -> LambdaRules.contract(deployment, function))
                      .map(contract -> contract.purpose().equals("global-table-resource"))
                      .orElse(false);
              if (!handler) {
                violations.add(
                    replica.get().where()
                        + " ServiceToken is not the global-table custom-resource function");
              }
              JsonNode regions =
                  deployment.evaluate(table.template(), properties.path("ReplicaRegions"));
              if (!regions.isArray() || regions.isEmpty()) {
                violations.add(replica.get().where() + " ReplicaRegions is not a list of regions");
              }
              for (JsonNode region : regions) {
                if (region.asText().equals(deployment.region())) {
                  violations.add(replica.get().where() + " replicates into its own region");
                }
              }
            }
          });

  private TableRules() {}

  private static JsonNode key(String attribute, String type) {
    return Template.MAPPER.createObjectNode().put("AttributeName", attribute).put("KeyType", type);
  }

  private static void checkIndex(
      Resource table, String name, JsonNode keys, List<String> violations) {
    Optional<JsonNode> index =
        Intrinsics.oneOrMany(table.property("GlobalSecondaryIndexes")).stream()
            .filter(candidate -> candidate.path("IndexName").asText().equals(name))
            .findFirst();
    if (index.isEmpty()) {
      violations.add(table.where() + " has no index " + name);
    } else if (!index.get().path("KeySchema").equals(keys)) {
      violations.add(
          table.where() + " index " + name + " keys are " + index.get().path("KeySchema"));
    }
  }

  private static TemplateRule eachTable(
      String id, java.util.function.BiConsumer<Resource, List<String>> check) {
    return TemplateRule.of(
        id,
        (templates, violations) -> {
          templates
              .resourcesOfType("AWS::DynamoDB::Table")
              .forEach(table -> check.accept(table, violations));
        });
  }
}
