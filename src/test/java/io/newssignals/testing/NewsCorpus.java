package io.newssignals.testing;

import io.newssignals.avro.NewsItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Many distinct, realistic news items for tests at volume: funding, hiring and expansion stories in
 * English and Spanish about invented companies, one company per item, so each item yields its own
 * signals. Deterministic: the same {@code count} and {@code prefix} give the same items.
 */
public final class NewsCorpus {

  private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "da"};
  private static final String[] CITIES = {"London", "Berlin", "Madrid", "Paris", "Toronto", "Lisbon"};

  private static final String[] TEMPLATES = {
    "%1$s raises $%2$d million to build robots for warehouses\n"
        + "%1$s, a Pittsburgh start-up, has raised $%2$d million in a Series B round led by Granite Ridge Ventures.\n"
        + "The company said the money will pay for a second assembly line.",
    "%1$s opens %3$s office and plans to hire %2$d engineers\n"
        + "%1$s, the maker of a coding assistant used by banks, is opening a new office in %3$s.\n"
        + "The startup plans to hire %2$d engineers and researchers in the city over the next year.",
    "%1$s cierra una ronda de %2$d millones de euros\n"
        + "La empresa %1$s ha cerrado una ronda de financiación serie A de %2$d millones de euros liderada por Faro Capital.\n"
        + "%1$s desarrolla un sistema de inteligencia artificial para hospitales.",
  };

  private NewsCorpus() {}

  /**
   * @param count how many items
   * @param prefix starts every item id, so runs and tests do not share ids
   * @return the items; item {@code i} has id {@code prefix + i} and is about company {@link #company(int)}
   */
  public static List<NewsItem> items(int count, String prefix) {
    List<NewsItem> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String text = String.format(TEMPLATES[i % TEMPLATES.length], company(i), 5 + i % 90, CITIES[i % CITIES.length]);
      int newline = text.indexOf('\n');
      items.add(NewsItem.newBuilder()
          .setId(prefix + i)
          .setSource("corpus")
          .setTitle(text.substring(0, newline))
          .setBody(text.substring(newline + 1))
          .setLanguage(i % TEMPLATES.length == 2 ? "es" : "en")
          .setIngestedAt(Instant.ofEpochMilli(1_764_000_000_000L + i))
          .build());
    }
    return items;
  }

  /** @return an invented company name for index {@code i}, e.g. {@code Kalomi}; distinct per index */
  public static String company(int i) {
    StringBuilder name = new StringBuilder("Vo");
    String digits = Integer.toString(i);
    for (int d = 0; d < digits.length(); d++) {
      name.append(SYLLABLES[digits.charAt(d) - '0']);
    }
    return name.toString();
  }
}
