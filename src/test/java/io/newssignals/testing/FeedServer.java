package io.newssignals.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 that serves feed documents by path, as a feed host would: each
 * answer has an {@code ETag} (the document's hash) unless turned off for the path, and a request
 * whose {@code If-None-Match} matches gets 304. A path can also answer with a bare status.
 */
public final class FeedServer implements AutoCloseable {

  /** A request as received: path and the conditional header, if any. */
  public record Request(String path, String ifNoneMatch) {}

  private record Answer(int status, String body, String contentType, boolean etag) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  /** Starts on a free port of 127.0.0.1. */
  public FeedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** @return the URL of a path on this server */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Serves a document at the path, with an ETag. */
  public void serve(String path, String xml) {
    answers.put(path, new Answer(200, xml, "application/rss+xml; charset=utf-8", true));
  }

  /** Serves a document at the path without any validator, so every GET gets the whole of it. */
  public void serveWithoutValidators(String path, String xml) {
    answers.put(path, new Answer(200, xml, "application/xml", false));
  }

  /** Answers the path with a status and an empty body. */
  public void fail(String path, int status) {
    answers.put(path, new Answer(status, "", "text/plain", false));
  }

  /** @return every request so far, in arrival order */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    requests.add(new Request(path, ifNoneMatch));
    Answer answer = answers.getOrDefault(path, new Answer(404, "", "text/plain", false));
    String etag = "\"" + Integer.toHexString(answer.body().hashCode()) + "\"";
    if (answer.status() == 200 && answer.etag() && etag.equals(ifNoneMatch)) {
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
      return;
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    if (answer.status() == 200 && answer.etag()) {
      exchange.getResponseHeaders().set("ETag", etag);
    }
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
