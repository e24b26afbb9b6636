package io.newssignals.feeds;

import static io.newssignals.feeds.Feeds.rss;
import static io.newssignals.feeds.Feeds.rssItem;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.DeadLetter;
import io.newssignals.feeds.FeedPoller.Poll;
import io.newssignals.feeds.FeedPoller.Status;
import io.newssignals.ingest.ItemIds;
import io.newssignals.ingest.NewsFiles;
import io.newssignals.ingest.NewsProducer;
import io.newssignals.serde.AvroSerde;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.testing.BrokerTopics;
import io.newssignals.testing.FeedServer;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The feed poller against a real HTTP server on 127.0.0.1 and the real broker and registry. */
@ExtendWith(LocalStackExtension.class)
class FeedPollerTest {

  private static final AtomicInteger RUN = new AtomicInteger();
  private static final Instant T0 = Instant.parse("2026-03-03T12:00:00Z");
  private static final Duration INTERVAL = Duration.ofMinutes(5);

  private static final String A1 = "https://news.example/a1";
  private static final String A2 = "https://news.example/a2";
  private static final String A3 = "https://news.example/a3";
  private static final String A4 = "https://news.example/a4";

  @TempDir Path dir;

  private final Feeds.SettableClock clock = new Feeds.SettableClock(T0);
  private FeedServer server;
  private Topics topics;
  private HttpSchemaRegistryClient registry;
  private NewsProducer producer;

  @BeforeEach
  void start() throws Exception {
    server = new FeedServer();
    registry = new HttpSchemaRegistryClient(LocalStackExtension.schemaRegistryUrl());
    topics = new Topics(registry, "it-feeds-" + RUN.incrementAndGet() + ".");
    BrokerTopics.create(List.of(topics.raw().name(), topics.deadLetter().name()), 3);
    producer = NewsProducer.connect(LocalStackExtension.bootstrapServers(), topics, Map.of());
  }

  @AfterEach
  void stop() {
    producer.close();
    server.close();
  }

  private FeedSource feed(String name, String path) {
    return new FeedSource(name, server.url(path), INTERVAL, null);
  }

  private FeedPoller poller(List<FeedSource> feeds) {
    return new FeedPoller(feeds, FeedState.load(dir.resolve("state.json")),
        new FeedReader(clock, NewsFiles.DEFAULT_MAX_ITEM_BYTES), producer, clock);
  }

  private List<String> rawKeys() {
    return BrokerTopics.readAll(topics.raw().name()).stream()
        .map(r -> new String(r.key(), UTF_8)).sorted().toList();
  }

  private List<DeadLetter> deadLetters() {
    AvroSerde<DeadLetter> serde = AvroSerde.forValues(registry, DeadLetter.class);
    return BrokerTopics.readAll(topics.deadLetter().name()).stream()
        .map(ConsumerRecord::value)
        .map(v -> serde.deserialize(topics.deadLetter().name(), v))
        .toList();
  }

  private static List<String> ids(String... urls) {
    return java.util.Arrays.stream(urls).map(ItemIds::forUrl).sorted().toList();
  }

  @Test
  void aFirstPollPublishesAllASecondOnlyTheNewAndA304Nothing() {
    server.serve("/a.rss", rss(rssItem(A1, "One", "first story"), rssItem(A2, "Two", "second"),
        rssItem(A3, "Three", "third")));
    FeedPoller poller = poller(List.of(feed("a", "/a.rss")));

    List<Poll> first = poller.pollDue();
    server.serve("/a.rss", rss(rssItem(A4, "Four", "fourth"), rssItem(A1, "One", "first story"),
        rssItem(A2, "Two", "second"), rssItem(A3, "Three", "third")));
    clock.advance(INTERVAL);
    List<Poll> second = poller.pollDue();
    clock.advance(INTERVAL);
    List<Poll> third = poller.pollDue();

    assertEquals(List.of(new Poll("a", Status.FETCHED, 3, 3, 0, 0, 0, null, T0.plus(INTERVAL))),
        first);
    assertEquals(
        List.of(new Poll("a", Status.FETCHED, 4, 1, 0, 3, 0, null, T0.plus(INTERVAL.multipliedBy(2)))),
        second);
    assertEquals(
        List.of(new Poll("a", Status.NOT_MODIFIED, 0, 0, 0, 0, 0, null,
            T0.plus(INTERVAL.multipliedBy(3)))),
        third);
    // The third request sent the ETag of the second answer, and got 304 for it.
    List<FeedServer.Request> requests = server.requests();
    assertEquals(3, requests.size());
    assertEquals(null, requests.get(0).ifNoneMatch());
    assertEquals(requests.get(1).ifNoneMatch() != null, true);
    assertEquals(ids(A1, A2, A3, A4), rawKeys());
  }

  @Test
  void aRestartPublishesNothingTwice() {
    // No validators: every poll gets the whole document, so only the state file can tell.
    server.serveWithoutValidators("/b.xml", Feeds.atom(
        Feeds.atomEntry(A1, "One", "first story"), Feeds.atomEntry(A2, "Two", "second story")));
    Poll before = poller(List.of(feed("b", "/b.xml"))).pollDue().get(0);

    Poll after = poller(List.of(feed("b", "/b.xml"))).pollDue().get(0);

    assertEquals(new Poll("b", Status.FETCHED, 2, 2, 0, 0, 0, null, T0.plus(INTERVAL)), before);
    assertEquals(new Poll("b", Status.FETCHED, 2, 0, 0, 2, 0, null, T0.plus(INTERVAL)), after);
    assertEquals(ids(A1, A2), rawKeys());
  }

  @Test
  void aBrokenFeedIsReportedAndRetriedWithoutStoppingTheOthers() {
    server.serve("/good.rss", rss(rssItem(A1, "One", "first story")));
    server.serve("/broken.rss", "<rss><channel><item>unclosed");
    FeedPoller poller = poller(List.of(feed("broken", "/broken.rss"), feed("good", "/good.rss")));

    List<Poll> first = poller.pollDue();
    server.fail("/broken.rss", 503);
    clock.advance(INTERVAL.multipliedBy(2));
    List<Poll> second = poller.pollDue();
    server.serve("/broken.rss", rss(rssItem(A2, "Two", "second story")));
    clock.advance(INTERVAL.multipliedBy(4));
    List<Poll> third = poller.pollDue();

    Poll brokenFirst = first.get(0);
    assertEquals(Status.FAILED, brokenFirst.status());
    assertEquals(1, brokenFirst.rejected());
    assertEquals(T0.plus(INTERVAL.multipliedBy(2)), brokenFirst.nextPoll());
    assertEquals(new Poll("good", Status.FETCHED, 1, 1, 0, 0, 0, null, T0.plus(INTERVAL)),
        first.get(1));
    Instant t2 = T0.plus(INTERVAL.multipliedBy(2));
    assertEquals(
        List.of(
            new Poll("broken", Status.FAILED, 0, 0, 0, 0, 0,
                "HTTP 503 from " + server.url("/broken.rss"), t2.plus(INTERVAL.multipliedBy(4))),
            new Poll("good", Status.NOT_MODIFIED, 0, 0, 0, 0, 0, null, t2.plus(INTERVAL))),
        second);
    Instant t3 = t2.plus(INTERVAL.multipliedBy(4));
    assertEquals(
        List.of(
            new Poll("broken", Status.FETCHED, 1, 1, 0, 0, 0, null, t3.plus(INTERVAL)),
            new Poll("good", Status.NOT_MODIFIED, 0, 0, 0, 0, 0, null, t3.plus(INTERVAL))),
        third);
    assertEquals(ids(A1, A2), rawKeys());
    List<DeadLetter> letters = deadLetters();
    assertEquals(1, letters.size());
    assertEquals(server.url("/broken.rss").toString(), letters.get(0).getOrigin());
    assertEquals(brokenFirst.error(), letters.get(0).getReason());
    assertEquals(true, brokenFirst.error().startsWith("not an RSS or Atom feed: "), brokenFirst.error());
    assertEquals("<rss><channel><item>unclosed",
        UTF_8.decode(letters.get(0).getValue()).toString());
  }

  @Test
  void malformedEntriesAreDeadLetteredOnceWithTheirXmlAndTheRestPublished() {
    String empty = "<item><link>https://news.example/empty</link></item>";
    String badLink = "<item><title>Bad link</title><link>https://exa mple.com/x</link></item>";
    server.serveWithoutValidators("/m.rss",
        rss(rssItem(A1, "One", "first story"), empty, badLink));
    FeedPoller poller = poller(List.of(feed("m", "/m.rss")));

    Poll first = poller.pollDue().get(0);
    clock.advance(INTERVAL);
    Poll second = poller.pollDue().get(0);

    assertEquals(new Poll("m", Status.FETCHED, 3, 1, 2, 0, 0, null, T0.plus(INTERVAL)), first);
    assertEquals(
        new Poll("m", Status.FETCHED, 3, 0, 0, 3, 0, null, T0.plus(INTERVAL.multipliedBy(2))),
        second);
    assertEquals(ids(A1), rawKeys());
    List<DeadLetter> letters = deadLetters();
    String url = server.url("/m.rss").toString();
    assertEquals(List.of(url + "#entry-2", url + "#entry-3"),
        letters.stream().map(DeadLetter::getOrigin).sorted().toList());
    DeadLetter emptyLetter = letters.stream()
        .filter(l -> l.getOrigin().endsWith("#entry-2")).findFirst().orElseThrow();
    assertEquals("entry has no title and no text", emptyLetter.getReason());
    assertEquals(empty, UTF_8.decode(emptyLetter.getValue()).toString());
    DeadLetter linkLetter = letters.stream()
        .filter(l -> l.getOrigin().endsWith("#entry-3")).findFirst().orElseThrow();
    assertEquals("entry link: invalid URL 'https://exa mple.com/x': Illegal character in authority"
        + " at index 8: https://exa mple.com/x", linkLetter.getReason());
    assertEquals(badLink, UTF_8.decode(linkLetter.getValue()).toString());
  }
}
