package io.newssignals.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds sums of money in one language's text: {@code $45 million}, {@code €12M}, {@code US$ 1
 * billion}, {@code 1.2 billion dollars}, {@code 6.000 millones de euros}.
 *
 * <p>Also {@code 25 millions d'euros}, {@code 30 Millionen Euro}, {@code 1,5 Mrd. Euro}, {@code R$ 50
 * milhões} and {@code 15 milioni di euro}: each language's scale words and abbreviations are
 * lexicon data. Every sum carries its US dollar value from {@link FxRates}.
 *
 * <p>A sum is a number with a currency before it (symbol or ISO code) or after it (symbol, code or
 * the language's currency word), optionally scaled by a scale word, and in languages that say so
 * joined to the currency word by a connector ("millones <em>de</em> euros"). Scale words, currency
 * words, connectors and the decimal separator come from the language's {@link Lexicon}; symbols
 * and codes from {@code /lexicons/currencies.properties}. A scale word without a number ("miles de
 * millones de dólares") is not a sum. Spanish "billón" is 10^12 (RAE, Diccionario panhispánico de
 * dudas), so it is listed under {@code money.scale.1e12} in the Spanish lexicon, not 10^9.
 *
 * <p>Thread-safe; build one per language and reuse it.
 */
public final class MoneyParser {

  private static final String SPACE = "[\\s\\u00A0\\u202F]";
  private static final String NUMBER =
      "\\d{1,3}(?:[.,\\s\\u00A0\\u202F]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?";
  private static final Map<String, String> SYMBOLS = loadSymbols();
  /**
   * The keys of {@link #SYMBOLS} by their last char, looked up at every number: a symbol right
   * before it ends in the char there, and comparing every symbol at every number was a sixteenth
   * of extraction time.
   */
  private static final Map<Character, List<String>> SYMBOLS_BY_LAST_CHAR = SYMBOLS.keySet().stream()
      .collect(Collectors.groupingBy(symbol -> symbol.charAt(symbol.length() - 1)));

  /**
   * The largest value read as a sum, in major units of its currency: 10^13. The largest funding
   * rounds are a few times 10^10 US dollars, and even in yen, the weakest currency parsed, 10^13 is
   * about 64 billion dollars; a longer digit string is a typo or junk, and past about 10^308 it
   * would not even fit a double (it would become Infinity).
   */
  public static final BigDecimal MAX_VALUE = BigDecimal.TEN.pow(13);

  private final NumberFormatRule numberFormat;
  private final Map<String, BigDecimal> scales = new HashMap<>();
  private final Map<String, String> currencyWords = new HashMap<>();
  private final Pattern pattern;

  /** A parser with the scale words, currency words and number format of {@code lexicon}. */
  public MoneyParser(Lexicon lexicon) {
    this.numberFormat = lexicon.numberFormat();
    lexicon.groups("money.scale.").forEach((power, words) -> {
      BigDecimal multiplier = new BigDecimal(power);
      words.forEach(word -> scales.put(TextFolding.fold(word), multiplier));
    });
    currencyWords.putAll(SYMBOLS);
    lexicon.groups("money.currency.").forEach(
        (code, words) -> words.forEach(word -> currencyWords.put(TextFolding.fold(word), code)));
    String before = alternation(SYMBOLS.keySet().stream().toList());
    String after = alternation(currencyWords.keySet().stream().toList());
    String scale = alternation(scales.keySet().stream().toList());
    String connector = connectors(lexicon.phrases("money.connectors"));
    this.pattern = Pattern.compile(
        "(?<![\\p{L}\\p{N}.,])(?:(?<before>" + before + ")" + SPACE + "?)?"
            + "(?<number>" + NUMBER + ")"
            + "(?:" + SPACE + "?(?<scale>" + scale + ")(?![\\p{L}\\p{N}]))?"
            + "(?:" + SPACE + "*" + connector + "(?<after>" + after + ")(?![\\p{L}]))?");
  }

  /** The parser of a language; empty when it has no lexicon yet. */
  public static Optional<MoneyParser> forLanguage(String language) {
    return Lexicon.forLanguage(language).map(MoneyParser::new);
  }

  /**
   * All sums in {@code text}, in order.
   *
   * @return each sum's value in major units (BigDecimal arithmetic, then one rounding to double),
   *     its ISO 4217 code, the text as written, and its offsets in {@code text}; a number over
   *     {@link #MAX_VALUE} once scaled is not a sum, so every value is finite, and neither is zero
   *     nor a sum with a minus sign before it ("-$10 million", a loss), so every value is positive
   */
  public List<MoneyMention> parse(String text) {
    return parse(text, TextFolding.fold(text));
  }

  /** As {@link #parse(String)}, given {@code text} already passed through {@link TextFolding}. */
  List<MoneyMention> parse(String text, String folded) {
    List<MoneyMention> found = new ArrayList<>();
    Matcher m = pattern.matcher(folded);
    for (int from = 0; nextSum(m, folded, from); from = m.end()) {
      String currencyToken = m.group("before") != null ? m.group("before") : m.group("after");
      Optional<BigDecimal> number = numberFormat.parse(m.group("number"));
      if (currencyToken == null || number.isEmpty()) {
        continue;
      }
      BigDecimal value = number.get();
      if (m.group("scale") != null) {
        value = value.multiply(scales.get(m.group("scale")));
      }
      if (value.signum() == 0 || value.compareTo(MAX_VALUE) > 0 || negated(folded, m.start())) {
        continue;
      }
      int end = m.end();
      while (end > m.start() && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      String written = text.substring(m.start(), end);
      found.add(new MoneyMention(
          FxRates.shared().withUsd(value.doubleValue(), currencyWords.get(currencyToken), written), m.start(), end));
    }
    return found;
  }

  /**
   * Whether a minus sign (hyphen-minus or U+2212) stands right before {@code start} as a sign, not
   * as the hyphen of a compound such as "mid-$10 million": no letter or digit right before it.
   */
  private static boolean negated(String folded, int start) {
    if (start == 0) {
      return false;
    }
    char before = folded.charAt(start - 1);
    return (before == '-' || before == '\u2212')
        && (start == 1 || !Character.isLetterOrDigit(folded.charAt(start - 2)));
  }

  /**
   * Finds the next sum at or after {@code from}, as {@code m.find()} would: the leftmost match.
   *
   * <p>Every sum has a number, which starts a run of digits, so the pattern is tried only at such
   * a digit and where a currency symbol or code ends right before it, or one space before it:
   * trying the currency alternatives at every offset was the parser's cost. Transparent bounds let
   * the look-behind see before the region, as it would with {@code find()}.
   */
  private boolean nextSum(Matcher m, String folded, int from) {
    m.useTransparentBounds(true);
    for (int digit = nextDigit(folded, from); digit >= 0; digit = nextDigit(folded, digit + 1)) {
      if (digit > 0 && isDigit(folded.charAt(digit - 1))) {
        continue;
      }
      long leads = symbolsBefore(folded, from, digit) | 1L;
      // Leftmost first: the longest lead.
      for (int lead = 63 - Long.numberOfLeadingZeros(leads); lead >= 0; lead--) {
        if ((leads & (1L << lead)) != 0 && m.region(digit - lead, folded.length()).lookingAt()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Where a currency symbol or code may start before the number at {@code digit}: bit k is set
   * when one starts k chars before it, at or after {@code from}, and ends right before the number
   * or one space before it.
   */
  private static long symbolsBefore(String folded, int from, int digit) {
    if (digit == 0) {
      return 0;
    }
    long leads = symbolsEndingAt(folded, from, digit, 0);
    if (digit > 1 && isSpace(folded.charAt(digit - 1))) {
      leads |= symbolsEndingAt(folded, from, digit - 1, 1);
    }
    return leads;
  }

  /**
   * Bit {@code k + gap} for each symbol of length k that ends at {@code end} (exclusive) and starts
   * at or after {@code from}; only symbols ending in the char before {@code end} are compared.
   */
  private static long symbolsEndingAt(String folded, int from, int end, int gap) {
    long leads = 0;
    for (String symbol : SYMBOLS_BY_LAST_CHAR.getOrDefault(folded.charAt(end - 1), List.of())) {
      int start = end - symbol.length();
      if (start >= from && folded.startsWith(symbol, start)) {
        leads |= 1L << (symbol.length() + gap);
      }
    }
    return leads;
  }

  /** The offset of the first digit at or after {@code from}; -1 if none. */
  private static int nextDigit(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (isDigit(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The pattern's {@link #SPACE}: the regex {@code \s} chars, no-break and narrow no-break spaces. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '\u00A0' || c == '\u202F';
  }

  /** The pattern's {@code \d}: ASCII digits only. */
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * An optional connector between scale and currency word: "de" is followed by a space, an elided
   * one such as French "d'" (apostrophe or typographic ’) is not.
   */
  private static String connectors(List<String> connectors) {
    if (connectors.isEmpty()) {
      return "";
    }
    List<String> spaced = connectors.stream().filter(c -> !c.endsWith("'") && !c.endsWith("’")).toList();
    List<String> elided = connectors.stream().filter(c -> c.endsWith("'") || c.endsWith("’")).toList();
    String options = "(?:" + alternation(spaced) + ")" + SPACE + "+";
    if (!elided.isEmpty()) {
      options += "|(?:" + alternation(elided) + ")";
    }
    return "(?:" + options + ")?";
  }

  private static String alternation(List<String> words) {
    return words.stream()
        .map(TextFolding::fold)
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .map(Pattern::quote)
        .reduce((a, b) -> a + "|" + b)
        .orElse("(?!)");
  }

  private static Map<String, String> loadSymbols() {
    Properties properties = new Properties();
    try (InputStream in = MoneyParser.class.getResourceAsStream("/lexicons/currencies.properties")) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read currencies.properties", e);
    }
    Map<String, String> symbols = new HashMap<>();
    for (String code : properties.stringPropertyNames()) {
      for (String symbol : properties.getProperty(code).split(",")) {
        symbols.put(TextFolding.fold(symbol.trim()), code);
      }
    }
    return Map.copyOf(symbols);
  }
}
