package com.tradeprocessing.globaltable.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbClientsByRegionTest {

  @Test
  void apply_sameRegionTwice_shouldBuildOneClientPerRegion() {
    // GIVEN
    List<Region> built = new ArrayList<>();
    DynamoDbClientsByRegion clients =
        new DynamoDbClientsByRegion(
            region -> {
              built.add(region);
              return DynamoDbClient.builder()
                  .region(region)
                  .httpClient(UrlConnectionHttpClient.create())
                  .credentialsProvider(AnonymousCredentialsProvider.create())
                  .build();
            });

    // WHEN
    DynamoDbClient first = clients.apply("eu-west-1");
    DynamoDbClient second = clients.apply("eu-west-1");
    DynamoDbClient other = clients.apply("ap-south-1");

    // THEN
    assertThat(second).isSameAs(first);
    assertThat(other).isNotSameAs(first);
    assertThat(built).containsExactly(Region.EU_WEST_1, Region.AP_SOUTH_1);
  }
}
