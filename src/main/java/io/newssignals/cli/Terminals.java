package io.newssignals.cli;

import org.jline.nativ.CLibrary;

/** Whether output goes to a terminal, for displays that only make sense on one. */
final class Terminals {

  private static final int STDERR = 2;

  private Terminals() {}

  /**
   * @return true if file descriptor 2 is a terminal, by POSIX {@code isatty(2)} through JLine's
   *     native library (which the progress bar library brings); false where that library has no
   *     build for the platform
   */
  static boolean isStderrTerminal() {
    try {
      return CLibrary.isatty(STDERR) == 1;
    } catch (LinkageError noNativeLibrary) {
      return false;
    }
  }
}
