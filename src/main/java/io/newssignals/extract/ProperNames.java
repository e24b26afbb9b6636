package io.newssignals.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds candidate proper names: runs of capitalised words ("Andreessen Horowitz", "Mistral AI",
 * "xAI") joined by single spaces. Words of the lexicon's {@code name.ignore} list (articles,
 * prepositions, months, "CEO") break a run and are dropped, so "En abril, Mistral" yields "Mistral".
 * A possessive ending ('s) is not part of the name; an elided article ("l'", "dell'") is not either.
 */
final class ProperNames {

  private final Set<String> ignored = new HashSet<>();
  private final List<String> nounEndings = new ArrayList<>();

  ProperNames(Lexicon lexicon) {
    lexicon.phrases("name.ignore").forEach(word -> ignored.add(TextFolding.fold(word)));
    lexicon.phrases("name.nounEndings").forEach(ending -> nounEndings.add(TextFolding.fold(ending)));
  }

  /**
   * The candidate names of one sentence, in order.
   *
   * @param folded {@code TextFolding.fold(sentence)}, which the caller has already: folding keeps
   *     offsets, so a word's folded form is a substring of it
   */
  List<NameMention> find(String sentence, String folded) {
    List<NameMention> names = new ArrayList<>();
    int runStart = -1;
    int runEnd = -1;
    int tokens = 0;
    int from = 0;
    for (int start = nextWordStart(sentence, from); start >= 0; start = nextWordStart(sentence, from)) {
      int wordEnd = wordEnd(sentence, start);
      from = wordEnd;
      int elided = elidedArticleEnd(sentence, folded, start, wordEnd);
      if (elided > start) {
        // "L'entreprise", "Dell'azienda": the article is no name; what follows may be one ("L'Oréal" stays whole
        // only when its article is not a function word of the language).
        if (elided < wordEnd && Character.isUpperCase(sentence.charAt(elided))) {
          from = elided;
        }
        if (runStart >= 0) {
          names.add(mention(sentence, runStart, runEnd, tokens));
          runStart = -1;
        }
        continue;
      }
      int end = withoutPossessive(sentence, start, wordEnd);
      String foldedWord = folded.substring(start, end);
      boolean ignore = ignored.contains(foldedWord) || isCommonNoun(foldedWord);
      boolean continuesRun = runStart >= 0 && start == runEnd + 1
          && Character.isSpaceChar(sentence.charAt(runEnd)) && !ignore;
      if (!continuesRun && runStart >= 0) {
        names.add(mention(sentence, runStart, runEnd, tokens));
        runStart = -1;
      }
      if (ignore) {
        continue;
      }
      if (runStart < 0) {
        runStart = start;
        tokens = 0;
      }
      runEnd = end;
      tokens++;
      if (end != wordEnd) {
        names.add(mention(sentence, runStart, runEnd, tokens));
        runStart = -1;
      }
    }
    if (runStart >= 0) {
      names.add(mention(sentence, runStart, runEnd, tokens));
    }
    return names;
  }

  /**
   * Where the next capitalised word starts at or after {@code from}: an upper-case letter, or a
   * lower-case one before an upper-case one ("xAI"); -1 if there is none.
   */
  private static int nextWordStart(String sentence, int from) {
    // Each char's type is looked up once, though two are compared at a time.
    int type = from < sentence.length() ? letterType(sentence, from) : Character.UNASSIGNED;
    for (int i = from; i < sentence.length(); i++) {
      int next = i + 1 < sentence.length() ? letterType(sentence, i + 1) : Character.UNASSIGNED;
      if (type == Character.UPPERCASE_LETTER
          || (type == Character.LOWERCASE_LETTER && next == Character.UPPERCASE_LETTER)) {
        return i;
      }
      type = next;
    }
    return -1;
  }

  /**
   * The end of the capitalised word at {@code start}: its first letter (two for "xAI"), then any
   * letters, numbers, {@code &} and {@code -}, then optionally an apostrophe and letters
   * ("O'Neill", "Acme's"). Hand-written rather than a regex tried at every capital, for speed.
   */
  private static int wordEnd(String sentence, int start) {
    int end = start + Character.charCount(sentence.codePointAt(start));
    if (letterType(sentence, start) == Character.LOWERCASE_LETTER) {
      end += Character.charCount(sentence.codePointAt(end));
    }
    while (end < sentence.length()) {
      char c = sentence.charAt(end);
      if (c != '&' && c != '-' && !PhraseMatcher.isWordCharAt(sentence, end)) {
        break;
      }
      end += Character.charCount(sentence.codePointAt(end));
    }
    if (end + 1 < sentence.length() && (sentence.charAt(end) == '\'' || sentence.charAt(end) == '’')
        && Character.isLetter(sentence.codePointAt(end + 1))) {
      end++;
      while (end < sentence.length() && Character.isLetter(sentence.codePointAt(end))) {
        end += Character.charCount(sentence.codePointAt(end));
      }
    }
    return end;
  }

  /**
   * {@link Character#UPPERCASE_LETTER}, {@link Character#LOWERCASE_LETTER} or another {@link
   * Character#getType} type for the code point at {@code i}; ASCII without a table look-up.
   */
  private static int letterType(String sentence, int i) {
    char c = sentence.charAt(i);
    if (c < 0x80) {
      return c >= 'A' && c <= 'Z' ? Character.UPPERCASE_LETTER
          : c >= 'a' && c <= 'z' ? Character.LOWERCASE_LETTER : Character.OTHER_PUNCTUATION;
    }
    return Character.getType(sentence.codePointAt(i));
  }

  /**
   * The offset after an elided article that opens a word ("l'" in "l'Italia", "dell'" in
   * "dell'azienda"), when that article is in {@code name.ignore}; the word's start otherwise.
   */
  private int elidedArticleEnd(String sentence, String folded, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = sentence.charAt(i);
      if (c == '\'' || c == '’') {
        String article = folded.substring(start, i + 1).replace('’', '\'');
        return ignored.contains(article) ? i + 1 : start;
      }
    }
    return start;
  }

  /**
   * German capitalises every noun, so a capital letter does not mark a name there: a word ending
   * in one of the lexicon's {@code name.nounEndings} (derivational suffixes such as -ung, -heit,
   * -schaft and business head nouns such as -unternehmen, -runde) is read as a common noun.
   */
  private boolean isCommonNoun(String folded) {
    for (String ending : nounEndings) {
      if (folded.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  private static int withoutPossessive(String sentence, int start, int end) {
    String word = sentence.substring(start, end);
    return word.endsWith("'s") || word.endsWith("’s") ? end - 2 : end;
  }

  private static NameMention mention(String sentence, int start, int end, int tokens) {
    boolean initial = true;
    for (int i = 0; i < start && initial; i += Character.charCount(sentence.codePointAt(i))) {
      initial = !Character.isLetterOrDigit(sentence.codePointAt(i));
    }
    String text = sentence.substring(start, end);
    return new NameMention(text, start, end, tokens, initial, CompanyIds.normalise(text));
  }
}
