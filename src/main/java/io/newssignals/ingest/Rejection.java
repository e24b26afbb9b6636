package io.newssignals.ingest;

/**
 * An item the reader could not turn into a {@code NewsItem}; it goes to the dead-letter topic.
 *
 * @param origin where it came from: a path, or {@code path:line} for a line of a {@code .jsonl}
 *     file (lines count from 1)
 * @param reason why, for a person to read
 * @param bytes the item's original bytes as read (after gunzip), at most the reader's item size
 *     limit; empty when nothing could be read. Not copied: do not modify.
 */
public record Rejection(String origin, String reason, byte[] bytes) {

  @Override
  public String toString() {
    return "Rejection[" + origin + ": " + reason + " (" + bytes.length + " bytes)]";
  }
}
