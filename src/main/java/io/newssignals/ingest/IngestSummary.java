package io.newssignals.ingest;

/**
 * What one ingest run did. Every item read ends in exactly one of published, rejected, duplicate
 * or failed, so {@code read == published + rejected + duplicates + failed}; a clean run has {@code
 * failed == 0}.
 *
 * @param read items read: each accepted or rejected by the reader (skipped entries are not items)
 * @param published accepted items that {@code news.raw} acknowledged
 * @param rejected items the reader rejected, or that {@code news.raw} refused (over its {@code
 *     max.message.bytes}), whose dead letter {@code news.deadletter} acknowledged
 * @param duplicates accepted items not sent because an item with the same id was already sent by
 *     the same ingestor (the same URL or text twice in the input)
 * @param skipped entries of folders that were not read, each logged with its reason: a file whose
 *     name has no known format, a symbolic link to a folder or to nothing, a FIFO, socket or device
 * @param failed items whose send, or whose dead letter's send, failed, each logged with its cause,
 *     or that were not sent at all because the cluster could not be reached
 */
public record IngestSummary(
    long read, long published, long rejected, long duplicates, long skipped, long failed) {

  /** Nothing read yet. */
  public static final IngestSummary EMPTY = new IngestSummary(0, 0, 0, 0, 0, 0);

  /** @return the counts of this run and another added up */
  public IngestSummary plus(IngestSummary other) {
    return new IngestSummary(
        read + other.read,
        published + other.published,
        rejected + other.rejected,
        duplicates + other.duplicates,
        skipped + other.skipped,
        failed + other.failed);
  }

  /** @return one line for the command line, e.g. {@code read=5 published=4 rejected=1 ...} */
  @Override
  public String toString() {
    return "read=" + read + " published=" + published + " rejected=" + rejected
        + " duplicates=" + duplicates + " skipped=" + skipped + " failed=" + failed;
  }
}
