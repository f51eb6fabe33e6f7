package com.tradeprocessing.integration.platform;

import com.tradeprocessing.integration.provision.FunctionDeployer;
import java.net.InetAddress;
import java.net.URI;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS the local platform runs on: the embedded emulator (moto and the local Lambda host) or
 * LocalStack. Tests and {@code make run-local} talk to it only through this interface and the SDK,
 * so they do not know which one they use.
 */
public interface Backend extends AutoCloseable {

  /** What every SDK client points at. */
  URI endpoint();

  Region region();

  /** The account the backend puts every resource in. */
  String account();

  BackendClients clients();

  /** Creates the functions of the templates the way this backend can run them. */
  FunctionDeployer functionDeployer();

  /**
   * Creates functions through {@code clients}, those of another region of this backend; their
   * invocations run in the same sandboxes as the functions of the same name in {@link #region()}.
   */
  default FunctionDeployer functionDeployer(BackendClients clients) {
    throw new UnsupportedOperationException(description() + " provisions one region only");
  }

  /** Clients of another region of this backend: the same endpoint and credentials. */
  default BackendClients clientsOf(Region region) {
    throw new UnsupportedOperationException(description() + " provisions one region only");
  }

  /**
   * The address that servers of this machine which functions call (the reference-data API, a
   * failing endpoint of a test) bind to.
   */
  InetAddress addressForFunctions();

  /** The host name or address under which functions reach those servers. */
  default String hostForFunctions() {
    return addressForFunctions().getHostAddress();
  }

  /**
   * A human name for progress lines: {@code embedded emulator (moto 5.2.5)}, {@code LocalStack}.
   */
  String description();

  @Override
  void close();
}
