package com.tradeprocessing.globaltable.cloudformation;

import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The resource's JSON mapper, thread-safe. CloudFormation sends every resource property as a
 * string, and the function reads and writes only trees and small maps, so Jackson's defaults
 * suffice: none of the trade platform's number or date settings apply to a deploy-time resource.
 */
public final class ResourceJson {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ResourceJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }
}
