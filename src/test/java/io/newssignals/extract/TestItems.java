package io.newssignals.extract;

import io.newssignals.avro.NewsItem;
import io.newssignals.testing.ProjectFiles;
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

  /** @see ProjectFiles#samplesDir() */
  static Path samplesDir() {
    return ProjectFiles.samplesDir();
  }

  /** @see ProjectFiles#sharedSeed() */
  static Optional<Path> sharedSeed() {
    return ProjectFiles.sharedSeed();
  }
}
