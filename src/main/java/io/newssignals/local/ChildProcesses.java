package io.newssignals.local;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops the child JVMs of the local default: the schema registry and a broker in its own JVM. */
final class ChildProcesses {

  private static final Logger log = LoggerFactory.getLogger(ChildProcesses.class);

  private ChildProcesses() {}

  /**
   * SIGTERM, up to {@code wait} to exit (a JVM runs its shutdown hooks), then SIGKILL and up to
   * {@code wait} again; a process that is still alive after that is logged. Returns at once for a
   * process that has already exited.
   */
  static void terminate(ProcessHandle handle, Duration wait) {
    if (!handle.isAlive()) {
      return;
    }
    handle.destroy();
    try {
      handle.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception notYet) {
      // Fall through to the forcible kill.
    }
    if (handle.isAlive()) {
      log.warn("Process {} did not exit within {} s of SIGTERM; killing it", handle.pid(), wait.toSeconds());
      handle.destroyForcibly();
      try {
        handle.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        log.warn("Process {} still alive after SIGKILL: {}", handle.pid(), e.toString());
      }
    }
  }
}
