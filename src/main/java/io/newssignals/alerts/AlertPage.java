package io.newssignals.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newssignals.avro.Alert;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The live alerts page, served by the JDK's HTTP server on 127.0.0.1 only.
 *
 * <ul>
 *   <li>{@code GET /}: the page (HTML, CSS and script in one file): recent alerts newest first,
 *       filters by rule and company (also as {@code ?rule=...&company=...}), live updates;
 *   <li>{@code GET /alerts}: the recent alerts as a JSON array ({@link AlertJson}), newest first;
 *   <li>{@code GET /events}: server-sent events, one {@code event: alert} with the alert's JSON
 *       per alert accepted after the connection opened, and a comment line every {@link
 *       #KEEP_ALIVE_SECONDS} s so closed connections are noticed.
 * </ul>
 *
 * <p>Feed it with {@link #accept(Alert)} (e.g. from an {@link AlertReader}); it keeps the last
 * {@code capacity} alerts in memory. Each open event stream holds one server thread.
 */
public final class AlertPage implements Consumer<Alert>, AutoCloseable {

  /** Seconds between keep-alive comments on an idle event stream. */
  static final int KEEP_ALIVE_SECONDS = 15;

  /** Put in an event stream's queue to end it; no real event is empty. */
  private static final String CLOSED = "";

  private final HttpServer server;
  private final ExecutorService threads;
  private final int capacity;
  private final Deque<Alert> recent = new ArrayDeque<>();
  private final Set<BlockingQueue<String>> streams = ConcurrentHashMap.newKeySet();
  private final byte[] html;

  /**
   * Starts serving.
   *
   * @param port TCP port on 127.0.0.1; 0 picks a free one (see {@link #url()})
   * @param capacity how many recent alerts to keep and show, at least 1
   * @throws UncheckedIOException if the port cannot be bound
   */
  public AlertPage(int port, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
    try (InputStream in = AlertPage.class.getResourceAsStream("alerts-page.html")) {
      this.html = in.readAllBytes();
      this.server = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve the alerts page on 127.0.0.1:" + port, e);
    }
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "alerts-page");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/", this::page);
    server.createContext("/alerts", this::recentAlerts);
    server.createContext("/events", this::events);
    server.start();
  }

  /** @return the page's address, {@code http://127.0.0.1:<port>/} */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Shows an alert: kept among the recent ones and pushed to every open page. */
  @Override
  public void accept(Alert alert) {
    synchronized (recent) {
      recent.addFirst(alert);
      if (recent.size() > capacity) {
        recent.removeLast();
      }
    }
    String event = "event: alert\ndata: " + AlertJson.toLine(alert) + "\n\n";
    streams.forEach(queue -> queue.offer(event));
  }

  private void page(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/")) {
      send(exchange, 404, "text/plain; charset=utf-8", "Not found\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    send(exchange, 200, "text/html; charset=utf-8", html);
  }

  private void recentAlerts(HttpExchange exchange) throws IOException {
    List<Alert> copy;
    synchronized (recent) {
      copy = new ArrayList<>(recent);
    }
    send(exchange, 200, "application/json",
        AlertJson.toArray(copy).getBytes(StandardCharsets.UTF_8));
  }

  private void events(HttpExchange exchange) throws IOException {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    streams.add(queue);
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      // Opens the stream at once, so the page knows it is live before the first alert.
      out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (true) {
        String event = queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        if (CLOSED.equals(event)) {
          return;
        }
        out.write((event == null ? ": keep-alive\n\n" : event).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // The page was closed or the server is stopping: this stream is done.
    } finally {
      streams.remove(queue);
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Ends the event streams and stops the server. */
  @Override
  public void close() {
    streams.forEach(queue -> queue.offer(CLOSED));
    server.stop(0);
    threads.shutdownNow();
  }
}
