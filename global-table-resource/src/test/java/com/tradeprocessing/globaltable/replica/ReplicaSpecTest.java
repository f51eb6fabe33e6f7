package com.tradeprocessing.globaltable.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradeprocessing.globaltable.cloudformation.ResourceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicaSpecTest {

  private static final String PRIMARY = "us-east-1";

  @Test
  void fromProperties_validProperties_shouldReadTableAndSortedRegions() throws Exception {
    // GIVEN
    JsonNode properties =
        json(
            """
        {"ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:f",
         "TableName": "dynamodb-trades-dev", "ReplicaRegions": ["eu-west-1", "ap-southeast-2"]}""");

    // WHEN
    ReplicaSpec spec = ReplicaSpec.fromProperties(properties, PRIMARY);

    // THEN
    assertThat(spec.tableName()).isEqualTo("dynamodb-trades-dev");
    assertThat(spec.replicaRegions()).containsExactly("ap-southeast-2", "eu-west-1");
    assertThat(spec.physicalResourceId()).isEqualTo("dynamodb-trades-dev-replicas");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      alias ARN of the replica region | arn:aws:kms:eu-west-1:123456789012:alias/kms-trade-data-dev
      key ARN of the replica region   | arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
      alias name                      | alias/kms-trade-data-dev
      key id                          | 1234abcd-12ab-34cd-56ef-1234567890ab
      """)
  void fromProperties_replicaKeyOfTheReplicaRegion_shouldKeepIt(String label, String keyId)
      throws Exception {
    // GIVEN
    JsonNode properties =
        json(
            """
        {"TableName": "dynamodb-trades-dev", "ReplicaRegions": ["eu-west-1"], "ReplicaKMSMasterKeyId": "%s"}"""
                .formatted(keyId));

    // WHEN
    ReplicaSpec spec = ReplicaSpec.fromProperties(properties, PRIMARY);

    // THEN
    assertThat(spec.replicaKmsKeyId()).isEqualTo(keyId);
  }

  @Test
  void fromProperties_noReplicaKey_shouldLeaveTheKeyToDynamoDb() throws Exception {
    // GIVEN
    JsonNode properties =
        json(
            """
        {"TableName": "dynamodb-trades-dev", "ReplicaRegions": ["eu-west-1"]}""");

    // WHEN
    ReplicaSpec spec = ReplicaSpec.fromProperties(properties, PRIMARY);

    // THEN
    assertThat(spec.replicaKmsKeyId()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      no TableName           | {"ReplicaRegions": ["eu-west-1"]}                                 | Property TableName is required.
      TableName not a string | {"TableName": 12, "ReplicaRegions": ["eu-west-1"]}                | Property TableName must be a string, got NUMBER.
      TableName too short    | {"TableName": "ab", "ReplicaRegions": ["eu-west-1"]}              | Property TableName 'ab' is not a DynamoDB table name
      no ReplicaRegions      | {"TableName": "trades"}                                           | Property ReplicaRegions is required
      regions as a string    | {"TableName": "trades", "ReplicaRegions": "eu-west-1"}            | Property ReplicaRegions must be a list of region names, got STRING.
      empty regions          | {"TableName": "trades", "ReplicaRegions": []}                     | Property ReplicaRegions is empty
      not a region           | {"TableName": "trades", "ReplicaRegions": ["Europe"]}             | Property ReplicaRegions is invalid: 'Europe' is not a region name.
      primary region         | {"TableName": "trades", "ReplicaRegions": ["us-east-1"]}          | Property ReplicaRegions is invalid: 'us-east-1' is the table's own region.
      duplicate region       | {"TableName": "trades", "ReplicaRegions": ["eu-west-1", "eu-west-1"]} | Property ReplicaRegions is invalid: 'eu-west-1' is listed twice.
      number as region       | {"TableName": "trades", "ReplicaRegions": [1]}                    | Property ReplicaRegions is invalid: '1' is not a region name.
      key not a string       | {"TableName": "trades", "ReplicaRegions": ["eu-west-1"], "ReplicaKMSMasterKeyId": 7} | Property ReplicaKMSMasterKeyId must be a string, got NUMBER.
      key of another region  | {"TableName": "trades", "ReplicaRegions": ["eu-west-1"], "ReplicaKMSMasterKeyId": "arn:aws:kms:us-east-1:123456789012:alias/kms-trade-data-dev"} | Property ReplicaKMSMasterKeyId 'arn:aws:kms:us-east-1:123456789012:alias/kms-trade-data-dev' is a key of us-east-1, which cannot encrypt the replica in eu-west-1; name the key of the replica's region, or an alias that every replica region has.
      key ARN for two regions | {"TableName": "trades", "ReplicaRegions": ["eu-west-1", "eu-central-1"], "ReplicaKMSMasterKeyId": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"} | Property ReplicaKMSMasterKeyId 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' is a key of eu-west-1, which cannot encrypt the replica in eu-central-1;
      key not a key id       | {"TableName": "trades", "ReplicaRegions": ["eu-west-1"], "ReplicaKMSMasterKeyId": "my key"} | Property ReplicaKMSMasterKeyId 'my key' is not a KMS key id, key ARN, alias name or alias ARN.
      """)
  void fromProperties_invalidProperties_shouldRejectWithSpecificMessage(
      String label, String properties, String message) {
    // GIVEN
    JsonNode node = json(properties);

    // WHEN / THEN
    assertThatThrownBy(() -> ReplicaSpec.fromProperties(node, PRIMARY))
        .isInstanceOf(InvalidReplicaPropertiesException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void fromProperties_noProperties_shouldRejectNamingBothProperties() {
    // WHEN / THEN
    assertThatThrownBy(() -> ReplicaSpec.fromProperties(null, PRIMARY))
        .isInstanceOf(InvalidReplicaPropertiesException.class)
        .hasMessageContaining("TableName")
        .hasMessageContaining("ReplicaRegions");
  }

  @Test
  void fromProperties_govCloudRegion_shouldAccept() throws Exception {
    // GIVEN
    JsonNode properties =
        json("{\"TableName\": \"trades\", \"ReplicaRegions\": [\"us-gov-west-1\"]}");

    // WHEN
    ReplicaSpec spec = ReplicaSpec.fromProperties(properties, "us-gov-east-1");

    // THEN
    assertThat(spec.replicaRegions()).containsExactly("us-gov-west-1");
  }

  private static JsonNode json(String text) {
    try {
      return ResourceJson.mapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
