package io.newssignals.feeds;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the feed poller has published, kept in a JSON file so that a restart publishes nothing
 * twice: per feed name, the HTTP validators of the last answer ({@code ETag}, {@code
 * Last-Modified}) and the ids of the entries already handled (published or dead-lettered), each
 * with when it was last in the feed.
 *
 * <p>The file is rewritten whole after each poll that changed something: written to {@code
 * <file>.tmp} beside it, forced to disk, then renamed over the file (an atomic rename where the
 * file system has one), so a crash leaves the old or the new state, never half of one. An id is
 * forgotten once it has been out of its feed for {@link #FORGET_AFTER}: feeds list their latest
 * entries, and one that has dropped out for that long does not come back.
 *
 * <p>Shape: {@code {"<feed name>": {"etag": ..., "lastModified": ..., "seen": {"<id>": <epoch
 * ms>}}}}. Not thread-safe: the poller uses it from one thread.
 */
public final class FeedState {

  /** How long an id is kept after it was last seen in its feed: 30 days. */
  public static final Duration FORGET_AFTER = Duration.ofDays(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The state of one feed. Mutable, owned by its {@link FeedState}.
   *
   * @param etag the last answer's {@code ETag}, or null
   * @param lastModified the last answer's {@code Last-Modified}, as sent, or null
   * @param seen handled entry ids, each with the epoch ms it was last in the feed
   */
  public record Feed(String etag, String lastModified, Map<String, Long> seen) {}

  private final Path file;
  private final Map<String, Feed> feeds;

  private FeedState(Path file, Map<String, Feed> feeds) {
    this.file = file;
    this.feeds = feeds;
  }

  /**
   * @param file the state file; need not exist yet (its folder is created on first save)
   * @return the state it holds, or an empty state when it does not exist
   * @throws UncheckedIOException if it exists but cannot be read or is not a state file
   */
  public static FeedState load(Path file) {
    if (!Files.exists(file)) {
      return new FeedState(file, new TreeMap<>());
    }
    try {
      Map<String, Feed> feeds =
          JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, Feed>>() {});
      feeds.replaceAll((name, feed) -> new Feed(feed.etag(), feed.lastModified(),
          feed.seen() == null ? new TreeMap<>() : new TreeMap<>(feed.seen())));
      return new FeedState(file, feeds);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read feed state " + file + ": " + e.getMessage(), e);
    }
  }

  /** @return the file this state is saved to */
  public Path file() {
    return file;
  }

  /** @return the state of a feed; an empty one for a feed never polled */
  public Feed feed(String name) {
    return feeds.computeIfAbsent(name, n -> new Feed(null, null, new TreeMap<>()));
  }

  /**
   * Records a successful answer: its validators, and the ids it listed as seen now. Ids not seen
   * for {@link #FORGET_AFTER} are dropped.
   */
  public void record(String name, String etag, String lastModified, Iterable<String> ids, Instant now) {
    Map<String, Long> seen = new TreeMap<>(feed(name).seen());
    for (String id : ids) {
      seen.put(id, now.toEpochMilli());
    }
    long oldest = now.minus(FORGET_AFTER).toEpochMilli();
    seen.values().removeIf(lastSeen -> lastSeen < oldest);
    feeds.put(name, new Feed(etag, lastModified, seen));
  }

  /**
   * Writes the state atomically, as described in the class comment.
   *
   * @throws UncheckedIOException if it cannot be written
   */
  public void save() {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      try (OutputStream out = Files.newOutputStream(temporary)) {
        JSON.writerWithDefaultPrettyPrinter().writeValue(out, feeds);
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write feed state " + file + ": " + e.getMessage(), e);
    }
  }
}
