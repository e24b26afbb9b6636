package io.newssignals.ingest;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.FailureStage;
import io.newssignals.avro.NewsItem;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.Topics;
import io.newssignals.topology.Topics.Topic;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes ingested items to {@code news.raw}, keyed by item id, and rejections to {@code
 * news.deadletter}, through one idempotent producer.
 *
 * <p>Records are encoded here with the serdes of {@link Topics} (so the producer itself carries
 * bytes, and one producer serves both value types). Sends are asynchronous; every outcome is
 * counted. An item that {@code news.raw} refuses for the record itself ({@link
 * RecordTooLargeException}: over the topic's {@code max.message.bytes} or the producer's {@code
 * max.request.size}; {@link InvalidRecordException}) is dead-lettered by the next call, on the
 * caller's thread, as retrying could not help it. Every other failure, whether thrown by {@code send} (encoding,
 * closed producer, buffer full past {@code max.block.ms}) or reported later by the broker, is
 * logged with its cause and counted in {@link Deliveries#failed()}. Call {@link #flush()} to wait
 * for all outcomes.
 *
 * <p>Thread-safe, as Kafka's producer is.
 */
public final class NewsProducer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NewsProducer.class);

  /**
   * Counts of sends whose outcome is known.
   *
   * @param published items acknowledged on {@code news.raw}
   * @param deadLettered rejections, and items {@code news.raw} refused, acknowledged on {@code
   *     news.deadletter}
   * @param failed items or rejections whose send failed, or whose dead letter did
   */
  public record Deliveries(long published, long deadLettered, long failed) {

    /** @return the counts since {@code earlier}, a snapshot of the same producer */
    public Deliveries minus(Deliveries earlier) {
      return new Deliveries(
          published - earlier.published,
          deadLettered - earlier.deadLettered,
          failed - earlier.failed);
    }
  }

  private final Producer<byte[], byte[]> producer;
  private final Topics topics;
  private final Clock clock;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  /** Items news.raw refused, queued by the producer's I/O thread for {@link #flush()}. */
  private final Queue<Refusal> refused = new ConcurrentLinkedQueue<>();

  /** An item that news.raw refused: its origin and id, its key and value as sent, the error. */
  private record Refusal(String origin, String itemId, byte[] key, byte[] value, Exception error) {}

  /**
   * @param producer a producer of already encoded keys and values; closed by {@link #close()}
   * @param topics the topic names and serdes
   * @param clock gives a dead letter's {@code failedAt}
   */
  public NewsProducer(Producer<byte[], byte[]> producer, Topics topics, Clock clock) {
    this.producer = producer;
    this.topics = topics;
    this.clock = clock;
  }

  /**
   * Connects a Kafka producer configured by {@link #config}.
   *
   * @param bootstrapServers {@code host:port[,host:port...]}
   * @param topics the topic names and serdes
   * @param clientProperties further producer properties, passed through
   */
  public static NewsProducer connect(
      String bootstrapServers, Topics topics, Map<String, ?> clientProperties) {
    return new NewsProducer(
        new KafkaProducer<>(config(bootstrapServers, clientProperties)),
        topics,
        Clock.systemUTC());
  }

  /**
   * The producer configuration: the settings below, then {@code clientProperties} over them, except
   * the serializers, which stay byte arrays because records arrive already encoded.
   */
  public static Map<String, Object> config(
      String bootstrapServers, Map<String, ?> clientProperties) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // A retry after a lost acknowledgement must neither duplicate nor reorder an item: the broker
    // drops a repeated (producer id, sequence).
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // An item counts as published only once every in-sync replica has it; idempotence needs it.
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    // The broker stores the batch as compressed: news text shrinks about twofold with lz4 (threefold
    // with zstd, README, Performance). lz4 because zstd's better ratio costs CPU that a live feed
    // pays on every batch: the producer makes a new zstd context for each batch, and clearing it
    // was 81% of the sending thread's CPU in one profile of bench's latency stage (1,000 items/s,
    // batches of a few items); that thread took 21 to 30% of a core in the slow runs with zstd,
    // 3 to 4% in every run with lz4.
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // Files are read in bursts: waiting 20 ms fills batches (fewer requests, better compression)
    // at a latency that a batch ingest does not notice. A live feed pays up to those 20 ms on each
    // item's way to its signals (bench's latency stage counts them).
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    // An article is a few KiB: a 256 KiB batch holds dozens, the 16 KiB default only a handful.
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // This producer also sends the dead letters of items news.raw refuses, and a dead letter wraps
    // the whole item: news.deadletter's limit, so that an item over news.raw's (2 MiB, checked by
    // the broker after compression) still fits in its dead letter.
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, StreamsSettings.MAX_REQUEST_BYTES);
    config.putAll(clientProperties);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  /**
   * Sends an item to {@code news.raw}, keyed by its id.
   *
   * @param origin where the item came from, as in a dead letter's {@code origin}: a path, {@code
   *     path:line}, or a feed's URL; named in the warning and the dead letter if the send fails
   * @param item the item
   */
  public void publish(String origin, NewsItem item) {
    deadLetterRefused();
    String what = "item " + item.getId() + " from " + origin;
    send(topics.raw(), item.getId(), item, what, published, (key, value, error) -> {
      if (error instanceof RecordTooLargeException || error instanceof InvalidRecordException) {
        refused.add(new Refusal(origin, item.getId(), key, value, error));
      } else {
        failed(what, topics.raw().name(), error);
      }
    });
  }

  /**
   * Sends a dead letter to {@code news.deadletter}, without a key (a rejected item has no id):
   * stage INGEST, the rejection's reason and origin, its bytes as the value, and now as {@code
   * failedAt}.
   */
  public void reject(Rejection rejection) {
    deadLetterRefused();
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setStage(FailureStage.INGEST)
            .setReason(rejection.reason())
            .setOrigin(rejection.origin())
            .setValue(ByteBuffer.wrap(rejection.bytes()))
            .setFailedAt(Instant.ofEpochMilli(clock.millis()))
            .build();
    sendDeadLetter(null, letter, "dead letter for " + rejection.origin());
  }

  /**
   * Dead-letters the items refused so far, from the calling thread: {@link #publish} and {@link
   * #reject} do it too, so that on a long stream of input a refused item's dead letter does not
   * wait in memory for the final {@link #flush()}.
   */
  private void deadLetterRefused() {
    if (!refused.isEmpty()) {
      synchronized (refused) {
        sendRefusedDeadLetters();
      }
    }
  }

  /** Call holding the lock on {@link #refused}: a flush then waits for the dead letters taken. */
  private void sendRefusedDeadLetters() {
    for (Refusal refusal; (refusal = refused.poll()) != null; ) {
      deadLetter(refusal);
    }
  }

  /**
   * Dead-letters a refused item, keyed by its id: stage INGEST, the broker's or the producer's
   * reason, {@code news.raw} as the source topic, and the key and value as they were sent (the
   * value is the Avro-encoded {@code NewsItem}, in the Confluent wire format).
   */
  private void deadLetter(Refusal refusal) {
    String itemId = refusal.itemId();
    LOG.warn("Could not write item {} from {} to {} ({} bytes encoded): {}; dead-lettered. If it is"
        + " over the topic's max.message.bytes, see README, Topics and records", itemId,
        refusal.origin(), topics.raw().name(), refusal.value().length, refusal.error().toString());
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setStage(FailureStage.INGEST)
            .setReason("could not write the item to " + topics.raw().name() + " ("
                + refusal.value().length + " bytes encoded): " + refusal.error().getMessage())
            .setErrorClass(refusal.error().getClass().getName())
            .setOrigin(refusal.origin())
            .setSourceTopic(topics.raw().name())
            .setKey(ByteBuffer.wrap(refusal.key()))
            .setValue(ByteBuffer.wrap(refusal.value()))
            .setFailedAt(Instant.ofEpochMilli(clock.millis()))
            .build();
    sendDeadLetter(itemId, letter, "dead letter for item " + itemId + " from " + refusal.origin());
  }

  private void sendDeadLetter(String key, DeadLetter letter, String what) {
    send(topics.deadLetter(), key, letter, what, deadLettered,
        (keyBytes, valueBytes, error) -> failed(what, topics.deadLetter().name(), error));
  }

  /** What to do with a send the producer reports as failed: the record as sent, and why. */
  @FunctionalInterface
  private interface SendFailure {
    void failed(byte[] key, byte[] value, Exception error);
  }

  /**
   * Encodes a record with the topic's serdes and sends it: {@code delivered} counts it once
   * acknowledged, {@code onFailure} hears of a failure the producer reports later, and a failure
   * to encode or to hand it to the producer is counted failed at once.
   */
  private <V> void send(Topic<String, V> topic, String key, V value, String what,
      AtomicLong delivered, SendFailure onFailure) {
    try {
      byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
      byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
      producer.send(
          new ProducerRecord<>(topic.name(), keyBytes, valueBytes),
          (metadata, error) -> {
            if (error == null) {
              delivered.incrementAndGet();
            } else {
              onFailure.failed(keyBytes, valueBytes, error);
            }
          });
    } catch (InterruptException e) {
      throw e;
    } catch (RuntimeException e) {
      failed(what, topic.name(), e);
    }
  }

  private void failed(String what, String topic, Exception error) {
    failed.incrementAndGet();
    LOG.warn("Could not send {} to {}: {}", what, topic, error.toString());
  }

  /**
   * Waits until every record sent so far is acknowledged or has failed, and every item {@code
   * news.raw} refused is dead-lettered.
   *
   * @return the counts since this producer was made
   * @throws org.apache.kafka.common.errors.InterruptException if interrupted while waiting
   */
  public Deliveries flush() {
    producer.flush();
    // The flushed sends' callbacks have run and queued what news.raw refused. Those dead letters
    // are sent from this thread, not from the callbacks on the producer's I/O thread, where a send
    // blocked on a full buffer would wait for the very thread that empties it; taking the lock
    // also waits for any that another thread has taken from the queue and is sending.
    do {
      synchronized (refused) {
        sendRefusedDeadLetters();
      }
      producer.flush();
    } while (!refused.isEmpty());
    return new Deliveries(published.get(), deadLettered.get(), failed.get());
  }

  /** Closes the Kafka producer, which first waits for the records already sent. */
  @Override
  public void close() {
    producer.close();
  }
}
