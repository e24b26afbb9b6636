package io.newssignals.extract;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into sentences with {@link BreakIterator#getSentenceInstance(Locale)}, keeping
 * offsets into the original text.
 *
 * <p>A line break is a hard boundary first: plain-text news puts headlines, bullet points and
 * paragraphs on their own lines, often without closing punctuation. Sentences are trimmed of
 * surrounding whitespace; blank ones are dropped.
 */
public final class SentenceSplitter {

  private final Locale locale;

  /** A splitter for the language with ISO 639-1 code {@code language}. */
  public SentenceSplitter(String language) {
    this.locale = Locale.forLanguageTag(language);
  }

  /** The sentences of {@code text}, in order, labelled with {@code field} ("title" or "body"). */
  public List<Sentence> split(String field, String text) {
    List<Sentence> sentences = new ArrayList<>();
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      splitLine(field, text, lineStart, lineEnd, sentences);
      lineStart = lineEnd + 1;
    }
    return sentences;
  }

  private void splitLine(String field, String text, int lineStart, int lineEnd, List<Sentence> out) {
    BreakIterator iterator = BreakIterator.getSentenceInstance(locale);
    iterator.setText(text.substring(lineStart, lineEnd));
    int start = iterator.first();
    for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
      int from = lineStart + start;
      int to = lineStart + end;
      while (from < to && Character.isWhitespace(text.charAt(from))) {
        from++;
      }
      while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
        to--;
      }
      if (from < to) {
        out.add(new Sentence(field, from, to, text.substring(from, to)));
      }
    }
  }
}
