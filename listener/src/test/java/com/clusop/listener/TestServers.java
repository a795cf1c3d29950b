package com.clusop.listener;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/** Endpoints on 127.0.0.1 only: recording, slow, failing, hanging, refusing. */
final class TestServers {

  private TestServers() {}

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  /**
   * An HTTP server that records bodies and answers {@code status.getAsInt()}. A slow endpoint is
   * one whose {@link #gate} the test has not opened yet: it holds every answer until the test
   * releases it, so "slow" means "slower than whatever the test is checking", on any machine.
   */
  static final class Recording implements AutoCloseable {
    final HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> authorization = new CopyOnWriteArrayList<>();
    final CountDownLatch received = new CountDownLatch(1);
    final CountDownLatch gate;

    Recording(IntSupplier status) throws IOException {
      this(new CountDownLatch(0), status);
    }

    Recording(CountDownLatch gate, IntSupplier status) throws IOException {
      this.gate = gate;
      server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.createContext("/", ex -> {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ex.getRequestBody().transferTo(b);
        bodies.add(b.toString(StandardCharsets.UTF_8));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) authorization.add(auth);
        received.countDown();
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        ex.sendResponseHeaders(status.getAsInt(), -1);
        ex.close();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/signals";
    }

    @Override
    public void close() {
      gate.countDown();
      server.stop(0);
    }
  }

  /** Accepts connections and never answers. */
  static final class Hanging implements AutoCloseable {
    final ServerSocket socket;
    final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    Hanging() throws IOException {
      socket = new ServerSocket(0, 50, LOOPBACK);
      acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            held.add(socket.accept());
          } catch (IOException e) {
            return;
          }
        }
      }, "hanging-endpoint");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/signals";
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) s.close();
    }
  }

  /** A port on 127.0.0.1 where nothing listens (bound, then closed). */
  static String refusingUrl() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      port = s.getLocalPort();
    }
    return "http://127.0.0.1:" + port + "/signals";
  }
}
