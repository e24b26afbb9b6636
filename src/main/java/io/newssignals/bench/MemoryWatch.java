package io.newssignals.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples this JVM's used heap every {@link #PERIOD_MS} ms on a daemon thread and keeps the peak;
 * reads the peak resident set size of this or another process from Linux's {@code
 * /proc/<pid>/status}.
 *
 * <p>Used heap includes garbage not yet collected, so its peak is an upper bound of what the run
 * needed; it is the figure to hold against {@code -Xmx}.
 */
final class MemoryWatch implements AutoCloseable {

  /** Sampling period, ms: short enough to see the top of a young-generation cycle. */
  static final long PERIOD_MS = 50;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peakHeapBytes = new AtomicLong();
  private final Thread sampler;
  private volatile boolean stopped;

  MemoryWatch() {
    sampler = new Thread(this::sample, "bench-memory-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (!stopped) {
      peakHeapBytes.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** @return the highest used heap seen so far, in bytes */
  long peakHeapBytes() {
    peakHeapBytes.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    return peakHeapBytes.get();
  }

  /** @return {@code VmHWM}, the peak resident set of this process in bytes; empty off Linux */
  static OptionalLong peakResidentBytes() {
    return statusKiB(Path.of("/proc/self/status"), "VmHWM");
  }

  /** @return {@code VmHWM} of another process in bytes; empty off Linux or once it has exited */
  static OptionalLong peakResidentBytes(long pid) {
    return statusKiB(Path.of("/proc", Long.toString(pid), "status"), "VmHWM");
  }

  /** @return the value of a {@code Name:  123 kB} line of a proc status file, in bytes */
  static OptionalLong statusKiB(Path status, String name) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(name + ":")) {
          String value = line.substring(name.length() + 1).trim();
          return OptionalLong.of(Long.parseLong(value.substring(0, value.indexOf(' '))) * 1024);
        }
      }
      return OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    stopped = true;
    sampler.interrupt();
  }
}
