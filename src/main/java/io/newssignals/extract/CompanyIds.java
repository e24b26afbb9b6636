package io.newssignals.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Company ids: the key of every signal, so that one company's signals meet on one partition
 * whatever the article's spelling ("Mistral AI", "Mistral", "MISTRAL AI SAS" -> {@code mistral}).
 */
public final class CompanyIds {

  /**
   * Trailing words that name a legal form or the sector rather than the company. Legal forms:
   * common US/UK (Inc, Corp, Ltd, LLC, PLC), Spanish (SA, SL, SAU), French (SAS, SARL), German
   * (GmbH, AG, SE), Italian (SpA, Srl), Portuguese (Ltda).
   */
  private static final Set<String> SUFFIXES =
      Set.of(
          "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc",
          "plc", "lp", "sa", "sl", "sau", "slu", "sas", "sarl", "gmbh", "ag", "se", "nv", "bv",
          "spa", "srl", "ltda", "holdings", "holding", "group", "ai", "ia", "labs", "lab",
          "technologies", "technology", "tech", "systems", "software");

  private CompanyIds() {}

  /**
   * Normalises a company name: lower-case ASCII, accents stripped, dots in abbreviations dropped
   * ("S.A." -> "sa"), trailing legal and sector suffixes removed, remaining words joined by '-'.
   *
   * @return the id, e.g. "Mistral AI" -> "mistral", "Acme Robotics GmbH" -> "acme-robotics";
   *     empty when nothing but suffixes remain ("AI")
   */
  public static String normalise(String name) {
    String folded = TextFolding.fold(name);
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        word.append(c);
      } else if (c != '.') {
        endWord(word, words);
        if (c == '&') {
          words.add("and");
        }
      }
    }
    endWord(word, words);
    while (!words.isEmpty() && SUFFIXES.contains(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
    }
    return String.join("-", words);
  }

  private static void endWord(StringBuilder word, List<String> into) {
    if (!word.isEmpty()) {
      into.add(word.toString());
      word.setLength(0);
    }
  }
}
