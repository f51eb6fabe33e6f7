package com.tradeprocessing.globaltable.aws;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One DynamoDB client per replica region, built on first use and kept for the container's life. */
public final class DynamoDbClientsByRegion implements Function<String, DynamoDbClient> {

  private final Function<Region, DynamoDbClient> factory;
  private final ConcurrentMap<String, DynamoDbClient> clients = new ConcurrentHashMap<>();

  /**
   * @param factory builds the client for a region (explicit region and HTTP client)
   */
  public DynamoDbClientsByRegion(Function<Region, DynamoDbClient> factory) {
    this.factory = factory;
  }

  @Override
  public DynamoDbClient apply(String region) {
    return clients.computeIfAbsent(region, name -> factory.apply(Region.of(name)));
  }
}
