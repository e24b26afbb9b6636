package io.newssignals.extract;

import io.newssignals.avro.NewsItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Builds items for tests and finds the shared seed article and the samples directory. */
final class TestItems {

  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private TestItems() {}

  static NewsItem item(String id, String title, String body, String language) {
    return NewsItem.newBuilder()
        .setId(id)
        .setTitle(title)
        .setBody(body)
        .setLanguage(language)
        .setIngestedAt(NOW)
        .build();
  }

  /** An item from a sample file: first line title, the rest body. */
  static NewsItem sample(Path file) {
    String text = read(file);
    int newline = text.indexOf('\n');
    String title = newline < 0 ? text : text.substring(0, newline);
    String body = newline < 0 ? "" : text.substring(newline + 1);
    return item(file.getFileName().toString(), title, body, null);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The project's samples directory, found from the working directory up. */
  static Path samplesDir() {
    return findUp(Path.of("samples")).orElseThrow(() -> new IllegalStateException("no samples/ above the working dir"));
  }

  /**
   * The shared seed article: {@code $newssignals.shared.dir/real-input/mistral-es.txt} when the
   * property is set, else {@code shared/real-input/mistral-es.txt} found from the working
   * directory up; empty when neither exists.
   */
  static Optional<Path> sharedSeed() {
    String sharedDir = System.getProperty("newssignals.shared.dir");
    if (sharedDir != null) {
      Path seed = Path.of(sharedDir, "real-input", "mistral-es.txt");
      return Files.isRegularFile(seed) ? Optional.of(seed) : Optional.empty();
    }
    return findUp(Path.of("shared", "real-input", "mistral-es.txt"));
  }

  private static Optional<Path> findUp(Path relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
