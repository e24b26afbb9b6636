package io.newssignals.ingest;

import io.newssignals.avro.NewsItem;
import io.newssignals.ingest.NewsProducer.Deliveries;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest run: reads paths or a stream with {@link NewsFiles}, publishes accepted items and
 * dead-letters rejections with {@link NewsProducer}, waits for every acknowledgement, and sums up.
 *
 * <p>An item whose id this ingestor has already sent (the same URL, or the same text, twice in the
 * input) is counted as a duplicate and not sent again; the ids sent are kept in memory for the
 * ingestor's life, about 150 bytes each. The topology drops copies that arrive in other runs.
 *
 * <p>The counts are exact as long as nothing else sends through the same producer during a run.
 * Not thread-safe: one run at a time.
 */
public final class Ingestor {

  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

  private final NewsFiles files;
  private final NewsProducer producer;
  private final Runnable onItem;
  private final Set<String> sent = new HashSet<>();

  /**
   * @param files the reader
   * @param producer where items and rejections go; not closed here
   */
  public Ingestor(NewsFiles files, NewsProducer producer) {
    this(files, producer, () -> {});
  }

  /**
   * @param files the reader
   * @param producer where items and rejections go; not closed here
   * @param onItem called on the reading thread once for each item read, after it was handed to
   *     the producer: for a progress display
   */
  public Ingestor(NewsFiles files, NewsProducer producer, Runnable onItem) {
    this.files = files;
    this.producer = producer;
    this.onItem = onItem;
  }

  /** Ingests files and folders, in the order given, and returns once all sends have settled. */
  public IngestSummary ingest(List<Path> paths) {
    return run(sink -> paths.forEach(path -> files.read(path, sink)));
  }

  /**
   * Ingests a stream, such as standard input, and returns once all sends have settled.
   *
   * @see NewsFiles#read(InputStream, String, NewsFiles.Format, NewsFiles.Sink)
   */
  public IngestSummary ingest(InputStream in, String name, NewsFiles.Format format) {
    return run(sink -> files.read(in, name, format, sink));
  }

  private IngestSummary run(Consumer<NewsFiles.Sink> reading) {
    Deliveries before = producer.flush();
    Counter counter = new Counter();
    reading.accept(counter);
    Deliveries deliveries = producer.flush().minus(before);
    return new IngestSummary(
        counter.read,
        deliveries.published(),
        deliveries.deadLettered(),
        counter.duplicates,
        counter.skipped,
        deliveries.failed());
  }

  /** Forwards what the reader finds to the producer, counting it. Used on one thread. */
  private final class Counter implements NewsFiles.Sink {
    long read;
    long duplicates;
    long skipped;

    @Override
    public void accepted(String origin, NewsItem item) {
      read++;
      if (sent.add(item.getId())) {
        producer.publish(origin, item);
      } else {
        duplicates++;
        LOG.debug("Duplicate {}: item {} was already sent", origin, item.getId());
      }
      onItem.run();
    }

    @Override
    public void rejected(Rejection rejection) {
      read++;
      LOG.warn("Rejected {}: {}", rejection.origin(), rejection.reason());
      producer.reject(rejection);
      onItem.run();
    }

    @Override
    public void skipped(Path file, String reason) {
      skipped++;
      LOG.info("Skipped {}: {}", file, reason);
    }
  }
}
