package io.newssignals.extract;

import io.newssignals.avro.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Converts sums to US dollars with one day's reference rates, read from {@code
 * /fx/reference-rates.properties}: keys {@code date} (ISO-8601), {@code source}, and one ISO 4217
 * code per currency with its units per 1 EUR, the way the European Central Bank quotes them.
 *
 * <p>A fixed table rather than live rates: re-processing an item must give the same signal.
 * Immutable and thread-safe.
 */
public final class FxRates {

  private static final FxRates SHARED = load();
  private static final String USD = "USD";

  private final String date;
  private final String source;
  private final Map<String, BigDecimal> unitsPerEuro;

  private FxRates(String date, String source, Map<String, BigDecimal> unitsPerEuro) {
    this.date = date;
    this.source = source;
    this.unitsPerEuro = Map.copyOf(unitsPerEuro);
    if (!unitsPerEuro.containsKey(USD)) {
      throw new IllegalStateException("reference-rates.properties has no USD rate");
    }
  }

  /** The table bundled with the application. */
  public static FxRates shared() {
    return SHARED;
  }

  /** ISO-8601 date of the rates. */
  public String date() {
    return date;
  }

  /** Who published the rates. */
  public String source() {
    return source;
  }

  /**
   * {@code money} with {@code usdValue}, {@code fxDate} and {@code fxSource} set.
   *
   * @return the USD value rounded to the cent; when the currency has no rate, the usdValue stays
   *     null but the date and source are still set, so a reader knows which table was consulted
   */
  public Money withUsd(double value, String currency, String text) {
    BigDecimal rate = unitsPerEuro.get(currency);
    Double usd = null;
    if (rate != null) {
      usd = BigDecimal.valueOf(value)
          .multiply(unitsPerEuro.get(USD))
          .divide(rate, MathContext.DECIMAL64)
          .setScale(2, RoundingMode.HALF_EVEN)
          .doubleValue();
    }
    return new Money(value, currency, text, usd, date, source);
  }

  private static FxRates load() {
    Properties p = new Properties();
    try (InputStream in = FxRates.class.getResourceAsStream("/fx/reference-rates.properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference-rates.properties", e);
    }
    Map<String, BigDecimal> rates = new HashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.matches("[A-Z]{3}")) {
        rates.put(key, new BigDecimal(p.getProperty(key).trim()));
      }
    }
    return new FxRates(p.getProperty("date"), p.getProperty("source"), rates);
  }
}
