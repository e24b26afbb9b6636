package io.newssignals.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The operations endpoint of a running application, on the JDK's HTTP server:
 *
 * <ul>
 *   <li>{@code GET /metrics}: the registry in the Prometheus text format (0.0.4);
 *   <li>{@code GET /health}: 200 {@code {"status":"UP"}} while the process serves requests;
 *   <li>{@code GET /ready}: 200 {@code {"ready":true,"state":"RUNNING"}} when Kafka Streams is
 *       RUNNING, else 503 with {@code "ready":false} and the state ({@code null} before Kafka
 *       Streams exists).
 * </ul>
 *
 * Other paths answer 404, other methods than GET and HEAD 405. Requests are served one at a time
 * on a daemon thread: a scrape every few seconds needs no more.
 */
public final class OpsEndpoint implements AutoCloseable {

  /** Default address: loopback only, so nothing outside the machine (or container) can reach it. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default port: the one registered for Prometheus exporters of this kind. */
  public static final int DEFAULT_PORT = 9464;

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String JSON = "application/json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;

  private OpsEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts the endpoint.
   *
   * @param address host and port; port 0 picks a free one (see {@link #address()})
   * @param registry what {@code /metrics} serves
   * @param state the Kafka Streams state for {@code /ready}; may return null before it exists
   * @throws UncheckedIOException if the address cannot be bound (e.g. the port is taken)
   */
  public static OpsEndpoint start(
      InetSocketAddress address,
      PrometheusMeterRegistry registry,
      Supplier<KafkaStreams.State> state) {
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve /metrics on " + address + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "news-signals-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        serve(exchange, registry, state);
      }
    });
    server.start();
    return new OpsEndpoint(server, executor);
  }

  /** @return the bound address, with the actual port */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private static void serve(
      HttpExchange exchange, PrometheusMeterRegistry registry, Supplier<KafkaStreams.State> state)
      throws IOException {
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      respond(exchange, 405, JSON, "{\"error\":\"method not allowed\"}");
      return;
    }
    switch (exchange.getRequestURI().getPath()) {
      case "/metrics" -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
      case "/health" -> respond(exchange, 200, JSON, "{\"status\":\"UP\"}");
      case "/ready" -> {
        KafkaStreams.State now = state.get();
        boolean ready = now == KafkaStreams.State.RUNNING;
        ObjectNode body = MAPPER.createObjectNode();
        body.put("ready", ready);
        body.put("state", now == null ? null : now.name());
        respond(exchange, ready ? 200 : 503, JSON, MAPPER.writeValueAsString(body));
      }
      default -> respond(exchange, 404, JSON, "{\"error\":\"not found\"}");
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    // -1: no body, as HEAD requires; otherwise the exact length.
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops serving at once; requests in progress are cut off. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
