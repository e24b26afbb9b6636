package io.newssignals.feeds;

import io.newssignals.avro.NewsItem;
import io.newssignals.ingest.ItemIds;
import io.newssignals.ingest.NewsProducer;
import io.newssignals.ingest.NewsProducer.Deliveries;
import io.newssignals.ingest.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls RSS and Atom feeds on their schedules and publishes each new entry once, through a {@link
 * NewsProducer}; remembers what it published in a {@link FeedState} file across restarts.
 *
 * <p>One poll of a feed:
 *
 * <ol>
 *   <li>a conditional GET: {@code If-None-Match} with the last {@code ETag} and {@code
 *       If-Modified-Since} with the last {@code Last-Modified} (RFC 9110, 13.1); a 304 answer
 *       publishes nothing;
 *   <li>a 200 answer (at most {@link #MAX_FEED_BYTES}) is read by {@link FeedReader}; entries whose
 *       id the state already holds are skipped (counted as {@code seen}), new ones published,
 *       rejected ones dead-lettered with their reason and XML;
 *   <li>the producer is flushed, and only if every send was acknowledged are the new ids and the
 *       validators saved: after a failed send the next poll fetches the whole feed again and
 *       re-sends what is missing (an item sent twice that way is dropped by the topology's dedup).
 * </ol>
 *
 * <p>Back-off: a feed that fails (connection error, timeout, an HTTP status other than 200 and
 * 304, or a document that is not a feed) is polled again after {@code interval * 2^failures}, at
 * most {@link #MAX_BACK_OFF} (or its interval, if that is longer), or after the server's {@code
 * Retry-After} if that is later; its first success restores the interval. A document that is not a
 * feed is dead-lettered (origin the feed URL, bytes the document) on the first failure of a streak
 * only, so a feed broken for a day does not fill the topic. Other feeds are not held up: each poll
 * is bounded by {@link #REQUEST_TIMEOUT}.
 *
 * <p>Feeds are polled one after another on the calling thread; not thread-safe, except {@link
 * #stop()}.
 */
public final class FeedPoller {

  /** Longest wait for a feed's answer, connection included. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Largest feed document read; a longer one fails the poll. */
  public static final int MAX_FEED_BYTES = 16 * 1024 * 1024;

  /** Longest back-off after failures, unless a feed's interval is longer. */
  public static final Duration MAX_BACK_OFF = Duration.ofHours(1);

  /** Sent with every request, so feed owners can tell who polls them. */
  static final String USER_AGENT = "news-signals feed poller";

  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);

  /** How a poll went. */
  public enum Status {
    /** 200: the document was read. */
    FETCHED,
    /** 304: nothing changed since the last poll. */
    NOT_MODIFIED,
    /** The feed could not be fetched or read; see {@link Poll#error()}. */
    FAILED
  }

  /**
   * The outcome of one poll of one feed.
   *
   * @param feed the feed's name
   * @param status how it went
   * @param entries entries in the document (0 unless FETCHED)
   * @param published new entries acknowledged by {@code news.raw}
   * @param rejected entries (or a broken document), and entries {@code news.raw} refused,
   *     acknowledged by {@code news.deadletter}
   * @param seen entries skipped because an earlier poll (or an earlier entry of the same document)
   *     handled them
   * @param failedSends sends that failed
   * @param error why it FAILED, else null
   * @param nextPoll when this feed is due again
   */
  public record Poll(String feed, Status status, int entries, long published, long rejected,
      long seen, long failedSends, String error, Instant nextPoll) {}

  private final List<FeedSource> sources;
  private final FeedState state;
  private final FeedReader reader;
  private final NewsProducer producer;
  private final HttpClient http;
  private final Clock clock;
  private final Map<String, Instant> due = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * @param sources the feeds; all are due at once at the start
   * @param state what was published before; saved after each poll that changed it
   * @param reader parses documents
   * @param producer publishes items and dead letters; not closed here
   * @param clock schedules polls and stamps the state
   */
  public FeedPoller(List<FeedSource> sources, FeedState state, FeedReader reader,
      NewsProducer producer, Clock clock) {
    this.sources = List.copyOf(sources);
    this.state = state;
    this.reader = reader;
    this.producer = producer;
    this.clock = clock;
    this.http = HttpClient.newBuilder()
        .connectTimeout(REQUEST_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    Instant now = clock.instant();
    sources.forEach(source -> due.put(source.name(), now));
  }

  /**
   * Polls every feed that is due now, in sources-file order.
   *
   * @return one poll per feed polled
   */
  public List<Poll> pollDue() {
    Instant now = clock.instant();
    List<Poll> polls = new ArrayList<>();
    for (FeedSource source : sources) {
      if (!due.get(source.name()).isAfter(now)) {
        polls.add(poll(source));
      }
    }
    return polls;
  }

  /** @return when the next feed is due */
  public Instant nextDue() {
    return due.values().stream().min(Instant::compareTo).orElseThrow();
  }

  /**
   * Polls feeds as they fall due until {@link #stop()} is called.
   *
   * @param onPoll told of each poll, on this thread
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public void run(Consumer<Poll> onPoll) throws InterruptedException {
    while (stopped.getCount() > 0) {
      pollDue().forEach(onPoll);
      long waitMs = Duration.between(clock.instant(), nextDue()).toMillis();
      if (waitMs > 0 && stopped.await(waitMs, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  /** Makes {@link #run} return after the poll in progress, if any. Safe from any thread. */
  public void stop() {
    stopped.countDown();
  }

  /** Polls one feed now, whether due or not, and schedules its next poll. */
  public Poll poll(FeedSource source) {
    Poll poll;
    try {
      poll = fetch(source);
    } catch (IOException e) {
      poll = failed(source, "cannot fetch " + source.url() + ": " + e, Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      poll = failed(source, "interrupted while fetching " + source.url(), Optional.empty());
    }
    if (poll.status() == Status.FAILED) {
      LOG.warn("Feed {}: {}; next poll at {}", source.name(), poll.error(), poll.nextPoll());
    } else {
      LOG.info("Feed {}: {} entries, {} published, {} rejected, {} seen before", source.name(),
          poll.entries(), poll.published(), poll.rejected(), poll.seen());
    }
    return poll;
  }

  private Poll fetch(FeedSource source) throws IOException, InterruptedException {
    FeedState.Feed known = state.feed(source.name());
    HttpRequest.Builder request = HttpRequest.newBuilder(source.url())
        .timeout(REQUEST_TIMEOUT)
        .header("User-Agent", USER_AGENT)
        .header("Accept",
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
    if (known.etag() != null) {
      request.header("If-None-Match", known.etag());
    }
    if (known.lastModified() != null) {
      request.header("If-Modified-Since", known.lastModified());
    }
    HttpResponse<InputStream> response =
        http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() == 304) {
        return succeeded(source, Status.NOT_MODIFIED, 0, new Deliveries(0, 0, 0), 0);
      }
      if (response.statusCode() != 200) {
        return failed(source, "HTTP " + response.statusCode() + " from " + source.url(),
            retryAfter(response));
      }
      byte[] bytes = body.readNBytes(MAX_FEED_BYTES + 1);
      if (bytes.length > MAX_FEED_BYTES) {
        return failed(source, "feed is over " + MAX_FEED_BYTES + " bytes", Optional.empty());
      }
      return publish(source, response, bytes);
    }
  }

  private Poll publish(FeedSource source, HttpResponse<?> response, byte[] bytes) {
    FeedReader.Entries entries;
    try {
      entries = reader.read(source, bytes, response.headers().firstValue("Content-Type").orElse(null));
    } catch (IllegalArgumentException e) {
      if (failures.getOrDefault(source.name(), 0) == 0) {
        Deliveries before = producer.flush();
        producer.reject(new Rejection(source.url().toString(), e.getMessage(),
            Arrays.copyOf(bytes, Math.min(bytes.length, reader.maxItemBytes()))));
        Deliveries sent = producer.flush().minus(before);
        Poll failed = failed(source, e.getMessage(), Optional.empty());
        return new Poll(failed.feed(), failed.status(), 0, 0, sent.deadLettered(), 0,
            sent.failed(), failed.error(), failed.nextPoll());
      }
      return failed(source, e.getMessage(), Optional.empty());
    }
    Set<String> known = state.feed(source.name()).seen().keySet();
    Set<String> handled = new LinkedHashSet<>();
    long seen = 0;
    Deliveries before = producer.flush();
    for (NewsItem item : entries.items()) {
      if (known.contains(item.getId()) || !handled.add(item.getId())) {
        seen++;
      } else {
        producer.publish(source.url().toString(), item);
      }
    }
    Set<String> inFeed = new LinkedHashSet<>();
    entries.items().forEach(item -> inFeed.add(item.getId()));
    for (Rejection rejection : entries.rejections()) {
      // A rejected entry has no item id: its XML stands for it.
      String id = ItemIds.forText("", new String(rejection.bytes(), StandardCharsets.UTF_8));
      inFeed.add(id);
      if (known.contains(id) || !handled.add(id)) {
        seen++;
      } else {
        LOG.warn("Rejected {}: {}", rejection.origin(), rejection.reason());
        producer.reject(rejection);
      }
    }
    Deliveries sent = producer.flush().minus(before);
    int count = entries.items().size() + entries.rejections().size();
    if (sent.failed() > 0) {
      // Save nothing: the next poll sees the whole feed again and re-sends.
      Poll failed = failed(source, sent.failed() + " sends failed", Optional.empty());
      return new Poll(failed.feed(), failed.status(), count, sent.published(), sent.deadLettered(),
          seen, sent.failed(), failed.error(), failed.nextPoll());
    }
    state.record(source.name(), response.headers().firstValue("ETag").orElse(null),
        response.headers().firstValue("Last-Modified").orElse(null), inFeed, clock.instant());
    state.save();
    return succeeded(source, Status.FETCHED, count, sent, seen);
  }

  private Poll succeeded(FeedSource source, Status status, int entries, Deliveries sent, long seen) {
    failures.put(source.name(), 0);
    Instant next = clock.instant().plus(source.interval());
    due.put(source.name(), next);
    return new Poll(source.name(), status, entries, sent.published(), sent.deadLettered(), seen,
        sent.failed(), null, next);
  }

  private Poll failed(FeedSource source, String error, Optional<Duration> retryAfter) {
    int failed = failures.merge(source.name(), 1, Integer::sum);
    Duration backOff = backOff(source.interval(), failed);
    if (retryAfter.isPresent() && retryAfter.get().compareTo(backOff) > 0) {
      backOff = retryAfter.get();
    }
    Instant next = clock.instant().plus(backOff);
    due.put(source.name(), next);
    return new Poll(source.name(), Status.FAILED, 0, 0, 0, 0, 0, error, next);
  }

  /**
   * @param failures consecutive failures, at least 1
   * @return {@code interval * 2^failures}, capped at {@link #MAX_BACK_OFF} or the interval,
   *     whichever is longer
   */
  static Duration backOff(Duration interval, int failures) {
    Duration cap = interval.compareTo(MAX_BACK_OFF) > 0 ? interval : MAX_BACK_OFF;
    // 2^20 intervals of 1 s are already 12 days: past any cap, and far from overflow.
    Duration backOff = interval.multipliedBy(1L << Math.min(failures, 20));
    return backOff.compareTo(cap) > 0 ? cap : backOff;
  }

  /** {@code Retry-After} in seconds or as an HTTP date (RFC 9110, 10.2.3); empty otherwise. */
  private Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> value = response.headers().firstValue("Retry-After");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get().strip();
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(Duration.between(clock.instant(), at));
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
