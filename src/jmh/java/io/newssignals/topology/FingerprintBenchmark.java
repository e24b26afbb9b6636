package io.newssignals.topology;

import io.newssignals.avro.NewsItem;
import io.newssignals.bench.BenchItems;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The story fingerprint alone ({@link StoryFingerprint#of} plus the band keys and the compact
 * form, as the topology takes them), on one thread: µs per item for generated 3 KB items of each
 * language. In the {@code bench} profiles it was a third of the stream thread, next to extraction,
 * before SuperMinHash; 13.5% after.
 *
 * <p>Each invocation fingerprints the next of {@link #POOL} distinct items. Run pinned to one core
 * ({@code taskset -c 0}) for a score that does not depend on other work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
public class FingerprintBenchmark {

  /** Distinct items cycled through. */
  static final int POOL = 512;

  /** Item language, ISO 639-1. */
  @Param({"en", "es"})
  public String language;

  /** Target item size, UTF-8 bytes of title plus body. */
  @Param({"3072"})
  public int size;

  private List<NewsItem> items;
  private int next;

  /** Builds the items. */
  @Setup(Level.Trial)
  public void setUp() {
    items = BenchItems.generate(POOL, size, List.of(language), true, BenchItems.DEFAULT_SEED);
  }

  /** Fingerprints one item; returns the band keys so the JIT cannot drop the work. */
  @Benchmark
  public List<String> fingerprint() {
    NewsItem item = items.get(next);
    next = (next + 1) % POOL;
    StoryFingerprint story = StoryFingerprint.of(item.getTitle(), item.getBody());
    story.compact();
    return story.bandKeys();
  }
}
