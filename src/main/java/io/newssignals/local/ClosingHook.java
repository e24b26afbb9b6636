package io.newssignals.local;

/**
 * Whether one part of the local default is closed, and the JVM shutdown hook that closes it on
 * exit (also Ctrl-C): each part closes once, by its {@code close()} or by the hook, whichever
 * comes first. Not thread-safe: the owning part calls it under its own lock.
 */
final class ClosingHook {

  private final String name;
  private Thread hook;
  private boolean closed;

  /** @param name the hook thread's name, e.g. {@code local-kafka-shutdown} */
  ClosingHook(String name) {
    this.name = name;
  }

  /** Registers {@code action} to run on JVM exit, if the part is not closed first. */
  void register(Runnable action) {
    hook = new Thread(action, name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** @return whether {@link #close()} was called */
  boolean isClosed() {
    return closed;
  }

  /**
   * Marks the part closed and removes the hook, unless the JVM is already running its hooks
   * (which forbids removal; the part's close is idempotent, so the hook running is harmless).
   *
   * @return false if the part was closed already, so that the caller has nothing left to do
   */
  boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or will run.
      }
    }
    return true;
  }
}
