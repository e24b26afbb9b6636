package io.newssignals.extract;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * How a language writes numbers: English writes {@code 1,500.5}; Spanish, French, German,
 * Portuguese and Italian write {@code 1.500,5} (French also groups with spaces).
 *
 * <p>Source: the CLDR number symbols of each locale; the separators are lexicon data.
 *
 * @param decimalSeparator the char before the fraction
 * @param groupingSeparator the char between groups of three digits
 */
public record NumberFormatRule(char decimalSeparator, char groupingSeparator) {

  /**
   * Parses a written number such as {@code 6.000}, {@code 2,5} or {@code 1 500}.
   *
   * <p>Spaces always group. A grouping separator that is not followed by exactly three digits
   * cannot be one; when it is the only separator it is read as a decimal point, because news in
   * one language often quotes figures written the other way ({@code 2.5 millones}).
   *
   * @return the value; empty when the text is not a number in either reading
   */
  public Optional<BigDecimal> parse(String written) {
    String digits = withoutSpaces(written);
    String grouping = String.valueOf(groupingSeparator);
    String decimal = String.valueOf(decimalSeparator);
    boolean hasGrouping = digits.contains(grouping);
    boolean hasDecimal = digits.contains(decimal);
    String canonical;
    if (hasGrouping && hasDecimal) {
      canonical = digits.replace(grouping, "").replace(decimalSeparator, '.');
    } else if (hasGrouping) {
      canonical = readSeparators(digits, groupingSeparator);
    } else if (hasDecimal) {
      canonical = readSeparators(digits, decimalSeparator, groupingSeparator);
    } else {
      canonical = digits;
    }
    try {
      return canonical == null ? Optional.empty() : Optional.of(new BigDecimal(canonical));
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

  /** The text with one kind of separator only, where it is the grouping one. */
  private static String readSeparators(String digits, char groupingSeparator) {
    if (groupsOfThree(digits, groupingSeparator)) {
      return digits.replace(String.valueOf(groupingSeparator), "");
    }
    return onlyOnce(digits, groupingSeparator) ? digits.replace(groupingSeparator, '.') : null;
  }

  /** The text with one kind of separator only, where it is the decimal one. */
  private static String readSeparators(String digits, char decimalSeparator, char groupingSeparator) {
    if (onlyOnce(digits, decimalSeparator)) {
      return digits.replace(decimalSeparator, '.');
    }
    // Several "decimal" separators can only be groups written the other language's way.
    return groupsOfThree(digits, decimalSeparator)
        ? digits.replace(String.valueOf(decimalSeparator), "")
        : null;
  }

  private static boolean onlyOnce(String digits, char separator) {
    return digits.indexOf(separator) == digits.lastIndexOf(separator);
  }

  /** Whether the separators cut {@code digits} into 1 to 3 chars, then groups of exactly 3. */
  private static boolean groupsOfThree(String digits, char separator) {
    int first = digits.indexOf(separator);
    if (first < 1 || first > 3) {
      return first < 0 && !digits.isEmpty() && digits.length() <= 3;
    }
    int partStart = first + 1;
    for (int next = digits.indexOf(separator, partStart); next >= 0; next = digits.indexOf(separator, partStart)) {
      if (next - partStart != 3) {
        return false;
      }
      partStart = next + 1;
    }
    return digits.length() - partStart == 3;
  }

  /** {@code written} without the regex {@code \s} chars, no-break spaces and narrow no-break spaces. */
  private static String withoutSpaces(String written) {
    StringBuilder digits = new StringBuilder(written.length());
    for (int i = 0; i < written.length(); i++) {
      char c = written.charAt(i);
      if (!MoneyParser.isSpace(c)) {
        digits.append(c);
      }
    }
    return digits.toString();
  }
}
