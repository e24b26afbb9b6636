package io.newssignals.alerts;

import io.newssignals.avro.Alert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each alert as JSON ({@link AlertJson}) to a URL, for chat and ticketing tools.
 *
 * <p>Retries: a connection failure, a timeout, 408, 429 or any 5xx is retried, up to {@code
 * maxAttempts} attempts in all, waiting {@code firstBackoff} before the second and twice as long
 * before each next one (capped at one minute). Any other status below 200 or from 300 up is a
 * permanent refusal and is not retried. Receivers see the same {@code alertId} on every attempt,
 * so they can drop repeats (a 2xx whose answer was lost is sent again).
 */
public final class WebhookSink {

  private static final Logger log = LoggerFactory.getLogger(WebhookSink.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /**
   * How a delivery ended.
   *
   * @param delivered true if the endpoint answered 2xx
   * @param attempts requests sent, at least 1
   * @param lastStatus HTTP status of the last answer, or -1 when the last attempt got none
   */
  public record Delivery(boolean delivered, int attempts, int lastStatus) {}

  private final URI url;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final Duration timeout;
  private final HttpClient client;

  /**
   * @param url where to POST
   * @param maxAttempts attempts per alert, at least 1
   * @param firstBackoff wait before the first retry, positive
   * @param timeout per request, connect and answer
   * @throws IllegalArgumentException on a bad URL scheme or bound
   */
  public WebhookSink(URI url, int maxAttempts, Duration firstBackoff, Duration timeout) {
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("webhook URL must be http or https: " + url);
    }
    if (maxAttempts < 1 || firstBackoff.isNegative() || firstBackoff.isZero()) {
      throw new IllegalArgumentException(
          "need at least 1 attempt and a positive back-off: " + maxAttempts + ", " + firstBackoff);
    }
    this.url = url;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * Posts one alert, retrying as described above; blocks until it is delivered or given up.
   *
   * @return the outcome; a failure is also logged
   * @throws InterruptedException if interrupted while waiting to retry or for an answer
   */
  public Delivery deliver(Alert alert) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(AlertJson.toLine(alert), StandardCharsets.UTF_8))
        .build();
    Duration backoff = firstBackoff;
    int status = -1;
    for (int attempt = 1; ; attempt++) {
      String problem;
      try {
        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return new Delivery(true, attempt, status);
        }
        problem = "HTTP " + status;
        if (!retryable(status)) {
          log.warn("Webhook {} refused alert {}: {}; not retried", url, alert.getAlertId(), problem);
          return new Delivery(false, attempt, status);
        }
      } catch (IOException e) {
        status = -1;
        problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (attempt >= maxAttempts) {
        log.warn("Webhook {} failed alert {} {} times, last: {}; giving up",
            url, alert.getAlertId(), attempt, problem);
        return new Delivery(false, attempt, status);
      }
      log.info("Webhook {} failed alert {} ({}); retrying in {} ms",
          url, alert.getAlertId(), problem, backoff.toMillis());
      Thread.sleep(backoff.toMillis());
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  /** Timeouts, throttling and server errors may pass; other refusals will not. */
  private static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }
}
