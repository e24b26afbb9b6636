package io.newssignals.extract;

import java.text.Normalizer;

/**
 * Folds text for matching: lower case and accents removed, one output char per input char.
 *
 * <p>Keeping the length lets a match found in the folded text be reported with the offsets of
 * the original text, and makes accents optional on match ("Múnich" and "Munich" fold alike).
 */
final class TextFolding {

  /**
   * Folded forms of U+0000..U+24FF, computed once: NFD per char is slow. The range covers the Latin
   * scripts and the punctuation, currency and letter-like symbols news text uses (’, –, €).
   */
  private static final char[] LATIN = new char[0x2500];

  static {
    for (char c = 0; c < LATIN.length; c++) {
      LATIN[c] = decompose(c);
    }
  }

  private TextFolding() {}

  /** Returns {@code text} lower-cased with diacritics dropped; same length as {@code text}. */
  static String fold(String text) {
    char[] folded = new char[text.length()];
    for (int i = 0; i < folded.length; i++) {
      folded[i] = foldChar(text.charAt(i));
    }
    return new String(folded);
  }

  private static char foldChar(char c) {
    return c < LATIN.length ? LATIN[c] : decompose(c);
  }

  private static char decompose(char c) {
    if (c < 0x80) {
      return Character.toLowerCase(c);
    }
    // NFD puts the base letter first and the combining marks after it.
    String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    return Character.toLowerCase(decomposed.charAt(0));
  }
}
