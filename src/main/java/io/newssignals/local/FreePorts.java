package io.newssignals.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks TCP ports that are free on 127.0.0.1. */
final class FreePorts {

  private FreePorts() {}

  /**
   * Asks the OS for {@code count} distinct free ports on 127.0.0.1. The sockets stay open until
   * all are picked so that the OS cannot hand out the same port twice; another process may still
   * take a port between this call and its use, a race small enough for a local default.
   */
  static int[] pick(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a never-used listening socket does not fail in a way that matters here.
        }
      }
    }
  }
}
