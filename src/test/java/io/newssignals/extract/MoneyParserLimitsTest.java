package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What is not a sum: over {@link MoneyParser#MAX_VALUE} (10^13), zero, or with a minus sign before it.
 */
class MoneyParserLimitsTest {

  private final MoneyParser english = MoneyParser.forLanguage("en").orElseThrow();

  private List<List<Object>> sums(String text) {
    return english.parse(text).stream()
        .map(m -> List.<Object>of(m.money().getValue(), m.money().getCurrency(), m.money().getText()))
        .toList();
  }

  @Test
  void exactlyTenToTheThirteenIsStillASum() {
    assertEquals(List.of(List.of(1.0E13, "EUR", "€10 trillion")), sums("a fund of €10 trillion"));
    assertEquals(List.of(List.of(1.0E13, "USD", "$10,000,000 million")),
        sums("a fund of $10,000,000 million"));
  }

  @Test
  void oneUnitMoreIsNotASum() {
    assertEquals(List.of(), sums("a fund of $10,000,000,000,001"));
  }

  @Test
  void aFourHundredDigitNumberIsNotASumButTheNextSumIsRead() {
    String digits = "9".repeat(400);

    assertEquals(List.of(List.of(5.0E7, "USD", "$50 million")),
        sums("Acme raised $" + digits + " million, or rather $50 million."));
  }

  @Test
  void zeroIsNotASum() {
    assertEquals(List.of(), sums("Acme raised $0 in its Series A, or 0 dollars"));
  }

  @Test
  void aSumWithAMinusSignIsALossNotASumButAHyphenatedOneIsRead() {
    assertEquals(List.of(), sums("Acme booked -$10 million and \u2212$3 million"));
    assertEquals(List.of(List.of(1.0E7, "USD", "$10 million")), sums("a mid-$10 million round"));
  }
}
