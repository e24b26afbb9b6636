package io.newssignals.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.newssignals.avro.Alert;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook against a real HTTP server on 127.0.0.1 that answers as each test scripts. */
class WebhookSinkTest {

  private static final Alert ALERT =
      TestAlerts.momentum("acme", "Acme", Instant.parse("2026-03-04T05:06:07Z"));
  private static final String BODY = "{\"alertId\":\"" + ALERT.getAlertId() + "\","
      + "\"rule\":\"momentum\",\"ruleType\":\"momentum\",\"severity\":\"WARNING\","
      + "\"company\":\"Acme\",\"companyId\":\"acme\",\"signalIds\":[\"s1\",\"s2\"],"
      + "\"itemUrls\":[\"https://news.example/1\"],"
      + "\"summary\":\"Acme shows momentum: FUNDING and HIRING signals within 14 days\","
      + "\"windowStart\":\"2026-01-01T00:00:00Z\",\"windowEnd\":\"2026-01-15T00:00:00Z\","
      + "\"createdAt\":\"2026-03-04T05:06:07Z\"}";

  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Serves POST /hook; the n-th request (1-based) gets {@code status.applyAsInt(n)}. */
  private URI serve(IntUnaryOperator status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      exchange.sendResponseHeaders(status.applyAsInt(bodies.size()), -1);
      exchange.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  private static WebhookSink sink(URI url) {
    return new WebhookSink(url, 3, Duration.ofMillis(20), Duration.ofSeconds(5));
  }

  @Test
  void anEndpointThatFailsTwiceThenRecoversGetsTheAlertOnTheThirdAttempt() throws Exception {
    URI url = serve(n -> n <= 2 ? 503 : 204);
    long start = System.nanoTime();

    WebhookSink.Delivery delivery = sink(url).deliver(ALERT);

    assertEquals(new WebhookSink.Delivery(true, 3, 204), delivery);
    assertEquals(List.of(BODY, BODY, BODY), bodies);
    assertEquals(List.of("application/json; charset=utf-8"), contentTypes.stream().distinct().toList());
    // Back-off 20 ms, then 40 ms.
    assertEquals(true, System.nanoTime() - start >= Duration.ofMillis(60).toNanos());
  }

  @Test
  void anEndpointThatKeepsFailingIsTriedMaxAttemptsTimes() throws Exception {
    URI url = serve(n -> 500);

    assertEquals(new WebhookSink.Delivery(false, 3, 500), sink(url).deliver(ALERT));
    assertEquals(3, bodies.size());
  }

  @Test
  void aRefusalIsNotRetriedButThrottlingIs() throws Exception {
    URI url = serve(n -> n == 1 ? 429 : 400);

    assertEquals(new WebhookSink.Delivery(false, 2, 400), sink(url).deliver(ALERT));
    assertEquals(2, bodies.size());
  }

  @Test
  void anUnreachableEndpointIsRetriedAndReportedWithoutStatus() throws Exception {
    URI url = serve(n -> 200);
    server.stop(0);
    server = null;

    assertEquals(new WebhookSink.Delivery(false, 3, -1), sink(url).deliver(ALERT));
  }
}
