package io.newssignals.cli;

/** Exit codes of every command. */
public final class ExitCodes {

  /** Everything worked. */
  public static final int OK = 0;

  /** The job failed: a broker or registry could not be reached, a file could not be read... */
  public static final int FAILURE = 1;

  /** The command line was wrong (picocli's own code for usage errors). */
  public static final int USAGE = 2;

  /** The job ran, but some input was rejected (reported on stderr, dead-lettered where it applies). */
  public static final int REJECTED_INPUT = 3;

  private ExitCodes() {}
}
