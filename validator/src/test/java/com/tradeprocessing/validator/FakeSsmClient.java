package com.tradeprocessing.validator;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * An in-memory Parameter Store answering GetParametersByPath like the service: only direct children
 * of the path unless recursive, paged with a next token.
 */
public final class FakeSsmClient implements SsmClient {

  private final List<Parameter> parameters = new ArrayList<>();
  private final List<GetParametersByPathRequest> requests = new ArrayList<>();
  private final int pageSize;
  private SdkException failure;

  public FakeSsmClient(int pageSize) {
    this.pageSize = pageSize;
  }

  public FakeSsmClient put(String name, String value) {
    parameters.removeIf(p -> p.name().equals(name));
    parameters.add(Parameter.builder().name(name).value(value).type(ParameterType.STRING).build());
    return this;
  }

  public FakeSsmClient failWith(SdkException failure) {
    this.failure = failure;
    return this;
  }

  public List<GetParametersByPathRequest> requests() {
    return requests;
  }

  @Override
  public GetParametersByPathResponse getParametersByPath(GetParametersByPathRequest request) {
    requests.add(request);
    if (failure != null) {
      throw failure;
    }
    String prefix = request.path() + "/";
    List<Parameter> matching =
        parameters.stream()
            .filter(p -> p.name().startsWith(prefix))
            .filter(
                p ->
                    Boolean.TRUE.equals(request.recursive())
                        || p.name().indexOf('/', prefix.length()) < 0)
            .toList();
    int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
    int to = Math.min(from + pageSize, matching.size());
    return GetParametersByPathResponse.builder()
        .parameters(matching.subList(from, to))
        .nextToken(to < matching.size() ? String.valueOf(to) : null)
        .build();
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}
}
