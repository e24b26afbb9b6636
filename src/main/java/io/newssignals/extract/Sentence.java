package io.newssignals.extract;

/**
 * A sentence of an item's title or body.
 *
 * @param field which text the offsets point into: {@code "title"} or {@code "body"}
 * @param start offset of the first char in that text, UTF-16 code units, inclusive
 * @param end offset after the last char, exclusive
 * @param text the sentence, equal to {@code fieldText.substring(start, end)}
 */
public record Sentence(String field, int start, int end, String text) {

  /**
   * Field and offsets only: they decide the text, so equal sentences still hash alike, and a
   * sentence used as a map key is not hashed over all its chars.
   */
  @Override
  public int hashCode() {
    return (field.hashCode() * 31 + start) * 31 + end;
  }
}
