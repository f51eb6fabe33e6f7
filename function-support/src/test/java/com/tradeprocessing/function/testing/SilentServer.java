package com.tradeprocessing.function.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server that accepts every connection, reads nothing and never answers: a client
 * talking to it ends only by its own timeouts.
 */
public final class SilentServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private SilentServer(ServerSocket socket) {
    this.socket = socket;
    this.acceptor = Thread.ofVirtual().start(this::acceptUntilClosed);
  }

  public static SilentServer start() throws IOException {
    return new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return URI.create(
        "http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort());
  }

  /** How many connections were opened to it. */
  public int connections() {
    return accepted.size();
  }

  private void acceptUntilClosed() {
    while (!socket.isClosed()) {
      try {
        accepted.add(socket.accept());
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : accepted) {
      connection.close();
    }
    acceptor.interrupt();
  }
}
