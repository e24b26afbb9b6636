package io.newssignals.extract;

import java.text.BreakIterator;
import java.text.StringCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Splits text into sentences with {@link BreakIterator#getSentenceInstance(Locale)}, keeping
 * offsets into the original text.
 *
 * <p>A break right after one of the language's abbreviations is ignored: the JDK's rules end a
 * sentence at any dot before a capital, which cuts "1,5 Mrd. Euro" in two.
 *
 * <p>A line break is a hard boundary first: plain-text news puts headlines, bullet points and
 * paragraphs on their own lines, often without closing punctuation. Sentences are trimmed of
 * surrounding whitespace; blank ones are dropped.
 *
 * <p>A sentence longer than {@value #MAX_SENTENCE_CHARS} characters is cut into pieces of at most
 * that length, each at the last comma, semicolon or colon in its second half, else at its last
 * space. News sentences are far shorter (the evaluation corpus's longest is 178 characters, the
 * seed article's 254), so only run-on text is cut, and the cut is what bounds the rules' work: they
 * pair every name with every cue of a sentence and measure the text between them, which grows with
 * the cube of the sentence's length.
 */
public final class SentenceSplitter {

  /** Longest sentence the rules see, in chars. */
  public static final int MAX_SENTENCE_CHARS = 1_000;

  /**
   * Never iterated itself: each {@link #split} iterates a clone, which shares its read-only rule
   * tables, where {@link BreakIterator#getSentenceInstance(Locale)} looks the locale's rules up
   * again (a resource look-up on every call, in the profile of {@code bench}).
   */
  private final BreakIterator prototype;
  private final Set<String> abbreviations;

  /**
   * A splitter for the language with ISO 639-1 code {@code language}.
   *
   * @param abbreviations words ending in a dot after which a sentence does not end, even before a
   *     capital ("Mrd. Euro", "U.S. Investoren"); matched case-insensitively on the word's end
   */
  public SentenceSplitter(String language, List<String> abbreviations) {
    this.prototype = BreakIterator.getSentenceInstance(Locale.forLanguageTag(language));
    this.abbreviations = abbreviations.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** The sentences of {@code text}, in order, labelled with {@code field} ("title" or "body"). */
  public List<Sentence> split(String field, String text) {
    List<Sentence> sentences = new ArrayList<>();
    // One per call, as an iterator holds its text; reused for every line.
    BreakIterator iterator = (BreakIterator) prototype.clone();
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      splitLine(iterator, field, text, lineStart, lineEnd, sentences);
      lineStart = lineEnd + 1;
    }
    return sentences;
  }

  private void splitLine(
      BreakIterator iterator, String field, String text, int lineStart, int lineEnd, List<Sentence> out) {
    // Offsets from the iterator are offsets into text: no copy of the line is needed.
    iterator.setText(new StringCharacterIterator(text, lineStart, lineEnd, lineStart));
    int start = iterator.first();
    for (int end = iterator.next(); end != BreakIterator.DONE; end = iterator.next()) {
      if (end < lineEnd && endsWithAbbreviation(text, start, end)) {
        continue;
      }
      int from = start;
      int to = end;
      while (from < to && Character.isWhitespace(text.charAt(from))) {
        from++;
      }
      while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
        to--;
      }
      addInPieces(field, text, from, to, out);
      start = end;
    }
  }

  /** Adds the trimmed text {@code [from, to)}, cut as the class comment says when too long. */
  private static void addInPieces(String field, String text, int from, int to, List<Sentence> out) {
    while (to - from > MAX_SENTENCE_CHARS) {
      int cut = cutPoint(text, from, from + MAX_SENTENCE_CHARS);
      int pieceEnd = cut;
      while (pieceEnd > from && Character.isWhitespace(text.charAt(pieceEnd - 1))) {
        pieceEnd--;
      }
      out.add(new Sentence(field, from, pieceEnd, text.substring(from, pieceEnd)));
      from = cut;
      while (from < to && Character.isWhitespace(text.charAt(from))) {
        from++;
      }
    }
    if (from < to) {
      out.add(new Sentence(field, from, to, text.substring(from, to)));
    }
  }

  /** Where to end a piece of {@code text} starting at {@code from} and ending by {@code limit}. */
  private static int cutPoint(String text, int from, int limit) {
    int half = from + (limit - from) / 2;
    for (int i = limit; i > half; i--) {
      char c = text.charAt(i - 1);
      if ((c == ',' || c == ';' || c == ':') && Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    for (int i = limit; i > from + 1; i--) {
      if (Character.isWhitespace(text.charAt(i - 1))) {
        return i;
      }
    }
    // One "word" of a thousand chars: cut it, but not inside a surrogate pair.
    return Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
  }

  private boolean endsWithAbbreviation(String text, int from, int to) {
    int last = to;
    while (last > from && Character.isWhitespace(text.charAt(last - 1))) {
      last--;
    }
    int wordStart = last;
    while (wordStart > from && !Character.isWhitespace(text.charAt(wordStart - 1))) {
      wordStart--;
    }
    String word = text.substring(wordStart, last).toLowerCase(Locale.ROOT);
    return abbreviations.contains(word);
  }
}
