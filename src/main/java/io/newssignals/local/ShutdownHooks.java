package io.newssignals.local;

/** Registers and removes JVM shutdown hooks, tolerating a JVM that is already shutting down. */
final class ShutdownHooks {

  private ShutdownHooks() {}

  /** Registers {@code action} to run on JVM exit (also Ctrl-C); returns the hook to remove. */
  static Thread add(String name, Runnable action) {
    Thread hook = new Thread(action, name);
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** Removes a hook, unless the JVM is already running its hooks (which forbids removal). */
  static void remove(Thread hook) {
    if (hook == null || Thread.currentThread() == hook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or will run; close() is idempotent, so that is harmless.
    }
  }
}
