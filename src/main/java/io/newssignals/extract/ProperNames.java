package io.newssignals.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds candidate proper names: runs of capitalised words ("Andreessen Horowitz", "Mistral AI",
 * "xAI") joined by single spaces. Words of the lexicon's {@code name.ignore} list (articles,
 * prepositions, months, "CEO") break a run and are dropped, so "En abril, Mistral" yields "Mistral".
 * A possessive ending ('s) is not part of the name.
 */
final class ProperNames {

  private static final Pattern WORD =
      Pattern.compile("(?:\\p{Lu}|\\p{Ll}\\p{Lu})[\\p{L}\\p{N}&-]*(?:['’]\\p{L}+)?");

  private final Set<String> ignored = new HashSet<>();

  ProperNames(Lexicon lexicon) {
    lexicon.phrases("name.ignore").forEach(word -> ignored.add(TextFolding.fold(word)));
  }

  /** The candidate names of one sentence, in order. */
  List<NameMention> find(String sentence) {
    List<NameMention> names = new ArrayList<>();
    int runStart = -1;
    int runEnd = -1;
    int tokens = 0;
    Matcher m = WORD.matcher(sentence);
    while (m.find()) {
      int end = withoutPossessive(sentence, m.start(), m.end());
      boolean ignore = ignored.contains(TextFolding.fold(sentence.substring(m.start(), end)));
      boolean continuesRun = runStart >= 0 && m.start() == runEnd + 1
          && Character.isSpaceChar(sentence.charAt(runEnd)) && !ignore;
      if (!continuesRun && runStart >= 0) {
        names.add(mention(sentence, runStart, runEnd, tokens));
        runStart = -1;
      }
      if (ignore) {
        continue;
      }
      if (runStart < 0) {
        runStart = m.start();
        tokens = 0;
      }
      runEnd = end;
      tokens++;
      if (end != m.end()) {
        names.add(mention(sentence, runStart, runEnd, tokens));
        runStart = -1;
      }
    }
    if (runStart >= 0) {
      names.add(mention(sentence, runStart, runEnd, tokens));
    }
    return names;
  }

  private static int withoutPossessive(String sentence, int start, int end) {
    String word = sentence.substring(start, end);
    return word.endsWith("'s") || word.endsWith("’s") ? end - 2 : end;
  }

  private static NameMention mention(String sentence, int start, int end, int tokens) {
    boolean initial = sentence.substring(0, start).codePoints().noneMatch(Character::isLetterOrDigit);
    return new NameMention(sentence.substring(start, end), start, end, tokens, initial);
  }
}
