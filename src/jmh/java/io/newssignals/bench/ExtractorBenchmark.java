package io.newssignals.bench;

import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import com.sun.management.OperatingSystemMXBean;
import io.newssignals.extract.LexiconSignalExtractor;
import java.lang.management.ManagementFactory;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Extraction alone, on one thread: items/s ({@code ops/s}, one op is one item) for generated 3 KB
 * items of each language, with and without a language hint. Run with {@code -prof gc} for the bytes
 * allocated per item ({@code gc.alloc.rate.norm}).
 *
 * <p>Each invocation extracts the next of {@link #POOL} distinct items, so neither the JIT nor the
 * caches see one item over and over. Warm-up is 30 s: pinned to one core, where the JIT compiler
 * threads share the core with the benchmark thread, extraction reached its steady rate only after
 * about 12 s, so the 15 s used before left some forks measuring half-compiled code.
 *
 * <p>The score is wall-clock, so on a machine shared with other work it counts the time the thread
 * waited for a core; and lingua spreads its work over the common fork-join pool, so one benchmark
 * thread can use more than one core. Each iteration therefore also prints its items per CPU-second
 * of the whole forked JVM (every thread: lingua's pool, GC and JIT included), the rate on one core
 * whatever the load. For a wall-clock score on one core, run the jar under {@code taskset -c 0}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 5)
public class ExtractorBenchmark {

  /** Distinct items cycled through. */
  static final int POOL = 512;

  /** Item language, ISO 639-1. */
  @Param({"en", "es"})
  public String language;

  /** Whether items carry their language (detection skipped) or not (lingua runs). */
  @Param({"true", "false"})
  public boolean hinted;

  /** Target item size, UTF-8 bytes of title plus body. */
  @Param({"3072"})
  public int size;

  private static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private LexiconSignalExtractor extractor;
  private List<NewsItem> items;
  private int next;
  private long iterationItems;
  private long iterationCpuStart;

  /** Builds the items and the extractor, and loads the language models before timing starts. */
  @Setup(Level.Trial)
  public void setUp() {
    items = BenchItems.generate(POOL, size, List.of(language), hinted, BenchItems.DEFAULT_SEED);
    extractor = new LexiconSignalExtractor(Clock.systemUTC());
    extractor.extract(items.get(0));
  }

  /** Starts the iteration's count of items and of the process's CPU time. */
  @Setup(Level.Iteration)
  public void startCpuClock() {
    iterationItems = 0;
    iterationCpuStart = PROCESS.getProcessCpuTime();
  }

  /** Prints the iteration's items per CPU-second of the whole JVM. */
  @TearDown(Level.Iteration)
  public void printCpuRate() {
    double cpuSeconds = (PROCESS.getProcessCpuTime() - iterationCpuStart) / 1e9;
    System.out.printf("(items per CPU-second of the JVM: %.0f) ", iterationItems / cpuSeconds);
  }

  /** Extracts one item; returns the signals so the JIT cannot drop the work. */
  @Benchmark
  public List<Signal> extract() {
    NewsItem item = items.get(next);
    next = (next + 1) % POOL;
    iterationItems++;
    return extractor.extract(item);
  }
}
