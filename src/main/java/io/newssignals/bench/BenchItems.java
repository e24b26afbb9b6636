package io.newssignals.bench;

import io.newssignals.avro.NewsItem;
import io.newssignals.ingest.ItemIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Realistic news items for benchmarks, generated from our own sentence templates: each item is a
 * headline plus a lead sentence reporting a FUNDING, HIRING or EXPANSION fact, padded with
 * background sentences to the requested size, with invented companies, investors, amounts, places
 * and people that vary from item to item.
 *
 * <p>Deterministic: the same (seed, count, size, languages) gives the same items, so every stage
 * of a bench run, and every run, measures the same work. Languages rotate item by item.
 */
public final class BenchItems {

  /** Languages with templates, in rotation order. */
  public static final List<String> LANGUAGES = List.of("en", "es");

  /** Default seed of {@link #generate}. */
  public static final long DEFAULT_SEED = 8L;

  private static final String[] STEMS = {
    "Nor", "Vel", "Quar", "Lum", "Bris", "Tal", "Ostr", "Kiv", "Zen", "Mar", "Sol", "Cael", "Dru",
    "Fen", "Hal", "Ister", "Jov", "Ket", "Orb", "Pell", "Rhen", "Sar", "Tov", "Ulm", "Vant", "Wex"
  };
  private static final String[] ENDINGS = {"vex", "ora", "tiq", "ify", "ent", "ada", "ium", "ix", "eon", "ara"};
  private static final String[] KINDS = {"AI", "Labs", "Robotics", "Data", "Systems", "Analytics"};
  private static final String[] INVESTOR_STEMS = {
    "Granite Ridge", "Harbor Light", "Copper Mesa", "Blue Fjord", "Tidewater", "Northstar Grove",
    "Saltmarsh", "Red Cedar", "Ironbark", "Silver Heath", "Meridian Oak", "Stonebridge"
  };
  private static final String[] INVESTOR_KINDS = {"Ventures", "Capital", "Partners"};
  private static final String[] FIRST_NAMES = {
    "Dana", "Lucía", "Marta", "Tomás", "Priya", "Jonas", "Elena", "Samuel", "Inés", "Kofi"
  };
  private static final String[] LAST_NAMES = {
    "Whitcombe", "Ferrer", "Okafor", "Lindqvist", "Serrano", "Halvorsen", "Marchetti", "Osei"
  };
  private static final String[] ROUNDS = {"A", "B", "C"};

  /** Places the gazetteer knows, as each language writes them. */
  private static final Map<String, String[]> PLACES = Map.of(
      "en", new String[] {"London", "Berlin", "Paris", "Madrid", "Lisbon", "Toronto", "Tokyo", "Dublin",
          "Amsterdam", "Munich", "Mexico City", "Singapore"},
      "es", new String[] {"Londres", "Berlín", "París", "Madrid", "Lisboa", "Toronto", "Tokio", "Dublín",
          "Ámsterdam", "Múnich", "Ciudad de México", "Bogotá"});

  private static final Map<String, String[]> TITLES = Map.of(
      "en", new String[] {
          "{company} raises {amount} in Series {round} round led by {investor}",
          "{company} plans to hire {count} engineers as demand for its models grows",
          "{company} opens a new office in {place}"},
      "es", new String[] {
          "{company} cierra una ronda de {amount} liderada por {investor}",
          "{company} contratará {count} ingenieros para su nuevo centro",
          "{company} abre una nueva oficina en {place}"});

  private static final Map<String, String[]> LEADS = Map.of(
      "en", new String[] {
          "{company}, a start-up that builds {product}, has raised {amount} in a Series {round} round "
              + "led by {investor}, with participation from {investor2}.",
          "{company}, the maker of {product}, is hiring {count} engineers and researchers in {place} "
              + "over the next year, chief executive {person} said on {day}.",
          "{company}, which builds {product}, is opening a new office in {place}, its first outside "
              + "its home market."},
      "es", new String[] {
          "La empresa {company}, que desarrolla {product}, ha cerrado una ronda de financiación serie "
              + "{round} de {amount} liderada por {investor}.",
          "La startup {company} busca contratar {count} ingenieros y personal de ventas en {place} antes "
              + "de que termine el año, según explicó su consejera delegada, {person}.",
          "La startup {company}, que desarrolla {product}, abre una nueva oficina en {place} para atender "
              + "a sus clientes de la región."});

  private static final Map<String, String[]> PRODUCTS = Map.of(
      "en", new String[] {"coding assistants for banks", "speech models for call centres",
          "vision systems for warehouses", "search tools for lawyers", "forecasting software for utilities",
          "translation models for hospitals"},
      "es", new String[] {"asistentes de programación para bancos", "modelos de voz para centros de llamadas",
          "sistemas de visión para almacenes", "buscadores para despachos de abogados",
          "software de previsión para eléctricas", "modelos de traducción para hospitales"});

  /** Background sentences: context a reporter adds, with no cue of any signal. */
  private static final Map<String, String[]> BACKGROUND = Map.of(
      "en", new String[] {
          "The company was started in {year} by {count2} former university researchers.",
          "Its software is used by {count2} customers, most of them mid-sized firms.",
          "{person} previously spent {count3} years working on statistics at a public agency.",
          "Analysts say the market for {product} could double within {count3} years.",
          "Customers pay a monthly fee that depends on how many documents they process.",
          "The firm says its models run on ordinary servers rather than specialised chips.",
          "Competition in the sector has grown as larger technology groups build similar tools.",
          "A spokesperson declined to comment on the company's plans for the coming quarter.",
          "{company} said its tools now handle about {count2} thousand requests a day.",
          "Industry groups have asked regulators for clearer rules on automated decisions.",
          "The product was tested for {count3} months with a small group of early users.",
          "Several rivals have struggled to turn pilot projects into lasting contracts."},
      "es", new String[] {
          "La compañía nació en {year} de la mano de {count2} antiguos investigadores universitarios.",
          "Su software lo utilizan {count2} clientes, la mayoría empresas medianas.",
          "{person} trabajó durante {count3} años en estadística en un organismo público.",
          "Los analistas creen que el mercado de {product} podría duplicarse en {count3} años.",
          "Los clientes pagan una cuota mensual que depende de cuántos documentos procesan.",
          "La firma asegura que sus modelos funcionan en servidores corrientes y no en chips especiales.",
          "La competencia en el sector ha crecido a medida que grandes grupos tecnológicos crean herramientas parecidas.",
          "Un portavoz declinó comentar los planes de la empresa para el próximo trimestre.",
          "{company} afirma que sus herramientas atienden ya unas {count2} mil peticiones al día.",
          "Las asociaciones del sector han pedido a los reguladores normas más claras sobre las decisiones automáticas.",
          "El producto se probó durante {count3} meses con un pequeño grupo de usuarios.",
          "Varios competidores no han logrado convertir sus proyectos piloto en contratos duraderos."});

  private static final String[] DAYS_EN = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};

  private BenchItems() {}

  /**
   * Published time of item 0 of {@link #generate(int, int, List, boolean, long)}: in the past,
   * because the broker refuses records (alerts carry their signal's event time) more than an hour
   * ahead of its clock.
   */
  public static final Instant FIRST_PUBLISHED = Instant.parse("2026-01-05T08:00:00Z");

  /**
   * Generates items {@code 0..count-1}, published a second apart from {@link #FIRST_PUBLISHED}.
   *
   * @see #generate(int, int, int, List, boolean, long, Instant)
   */
  public static List<NewsItem> generate(
      int count, int sizeBytes, List<String> languages, boolean languageHint, long seed) {
    return generate(0, count, sizeBytes, languages, languageHint, seed, FIRST_PUBLISHED);
  }

  /**
   * Generates items {@code first..first+count-1}. An item's index sets its id, URL, company name,
   * language and fact type; the other slots are drawn from a random source seeded with {@code
   * seed + first}.
   *
   * @param first index of the first item, at least 0; batches with distinct indices have distinct
   *     ids and URLs
   * @param count how many items
   * @param sizeBytes target size of title plus body in UTF-8 bytes; each item reaches it with
   *     background sentences and exceeds it by less than one sentence (about 150 bytes)
   * @param languages ISO 639-1 codes from {@link #LANGUAGES}, used in rotation
   * @param languageHint whether items carry their language, as feeds usually do; without it the
   *     extractor detects the language
   * @param seed same seed and first index, same items
   * @param firstPublished published and ingested time of the first item; each next one is a
   *     second later, so event time moves forward as items are sent
   * @return the items, each with a distinct id and URL
   * @throws IllegalArgumentException for an unknown language, a negative first index, or a count
   *     or size below 1
   */
  public static List<NewsItem> generate(int first, int count, int sizeBytes, List<String> languages,
      boolean languageHint, long seed, Instant firstPublished) {
    if (first < 0 || count < 1 || sizeBytes < 1 || languages.isEmpty()) {
      throw new IllegalArgumentException("first must be at least 0, count, size and languages positive/non-empty");
    }
    for (String language : languages) {
      if (!LANGUAGES.contains(language)) {
        throw new IllegalArgumentException("No bench templates for language " + language + "; have " + LANGUAGES);
      }
    }
    Random random = new Random(seed + first);
    List<NewsItem> items = new ArrayList<>(count);
    for (int i = first; i < first + count; i++) {
      String language = languages.get(i % languages.size());
      // The fact type rotates independently of the language, so each language gets every type.
      int type = (i / languages.size()) % 3;
      items.add(item(i, language, type, sizeBytes, languageHint, random, firstPublished.plusSeconds(i - first)));
    }
    return items;
  }

  private static NewsItem item(
      int index, String language, int type, int sizeBytes, boolean hint, Random random, Instant published) {
    Map<String, String> slots = slots(index, language, random);
    String title = fill(TITLES.get(language)[type], slots);
    StringBuilder body = new StringBuilder(fill(LEADS.get(language)[type], slots));
    String[] background = BACKGROUND.get(language);
    int bytes = title.getBytes(StandardCharsets.UTF_8).length + body.toString().getBytes(StandardCharsets.UTF_8).length;
    // Start the background at a different sentence per item, so items do not share one tail.
    int next = random.nextInt(background.length);
    while (bytes < sizeBytes) {
      String sentence = fill(background[next++ % background.length], slots(index, language, random, slots));
      // Paragraphs of three sentences, as wire copy is laid out.
      String separator = (next % 3 == 0) ? "\n\n" : " ";
      body.append(separator).append(sentence);
      bytes += separator.length() + sentence.getBytes(StandardCharsets.UTF_8).length;
    }
    String url = "https://bench.news-signals.invalid/" + language + "/" + index;
    return NewsItem.newBuilder()
        .setId(ItemIds.forUrl(url))
        .setUrl(url)
        .setSource("bench")
        .setTitle(title)
        .setBody(body.toString())
        .setLanguage(hint ? language : null)
        .setPublishedAt(published)
        .setIngestedAt(published)
        .build();
  }

  private static Map<String, String> slots(int index, String language, Random random) {
    // The stem varies fastest with the index, so neighbouring items name different companies.
    // From index 260 on a second word follows: 67,600 companies before a name recurs, so that the
    // alert rules see a few signals per company and window, as in real news, not hundreds.
    int names = STEMS.length * ENDINGS.length;
    String company = name(index % names)
        + (index >= names ? " " + name((index / names) % names) : "")
        + " " + KINDS[random.nextInt(KINDS.length)];
    String investor = INVESTOR_STEMS[random.nextInt(INVESTOR_STEMS.length)] + " "
        + INVESTOR_KINDS[random.nextInt(INVESTOR_KINDS.length)];
    String investor2 = INVESTOR_STEMS[random.nextInt(INVESTOR_STEMS.length)] + " " + INVESTOR_KINDS[0];
    String[] places = PLACES.get(language);
    String[] products = PRODUCTS.get(language);
    return Map.of(
        "{company}", company,
        "{investor}", investor,
        "{investor2}", investor2,
        "{amount}", amount(language, random),
        "{round}", ROUNDS[random.nextInt(ROUNDS.length)],
        "{count}", Integer.toString(10 + random.nextInt(190)),
        "{place}", places[random.nextInt(places.length)],
        "{person}", FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " " + LAST_NAMES[random.nextInt(LAST_NAMES.length)],
        "{product}", products[random.nextInt(products.length)],
        "{day}", DAYS_EN[random.nextInt(DAYS_EN.length)]);
  }

  /** The item's slots plus fresh numbers for one background sentence. */
  private static Map<String, String> slots(int index, String language, Random random, Map<String, String> item) {
    Map<String, String> slots = new HashMap<>(item);
    slots.put("{year}", Integer.toString(2012 + random.nextInt(13)));
    slots.put("{count2}", Integer.toString(2 + random.nextInt(400)));
    slots.put("{count3}", Integer.toString(2 + random.nextInt(9)));
    return slots;
  }

  /** @return the {@code n}th of 260 invented words, e.g. {@code Norvex}, for {@code 0 <= n < 260} */
  private static String name(int n) {
    return STEMS[n % STEMS.length] + ENDINGS[n / STEMS.length];
  }

  /** An amount written the way each language's press writes it: "$45 million", "2,5 millones de euros". */
  private static String amount(String language, Random random) {
    int tenths = 5 + random.nextInt(2_000);
    boolean euros = random.nextBoolean();
    String number = tenths % 10 == 0
        ? Integer.toString(tenths / 10)
        : String.format(Locale.ROOT, "%d%s%d", tenths / 10, "en".equals(language) ? "." : ",", tenths % 10);
    if ("en".equals(language)) {
      return (euros ? "€" : "$") + number + " million";
    }
    return number + " millones de " + (euros ? "euros" : "dólares");
  }

  private static String fill(String template, Map<String, String> slots) {
    String text = template;
    for (Map.Entry<String, String> slot : slots.entrySet()) {
      text = text.replace(slot.getKey(), slot.getValue());
    }
    return text;
  }
}
