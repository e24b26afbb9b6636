package io.newssignals.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the project's own files and the shared seed article from a test's working directory. */
public final class ProjectFiles {

  private ProjectFiles() {}

  /** @return the project's {@code samples/} folder */
  public static Path samplesDir() {
    return findUp(Path.of("samples"))
        .orElseThrow(() -> new IllegalStateException("no samples/ above the working directory"));
  }

  /** @return the project's labelled evaluation corpus, {@code corpus/} */
  public static Path corpusDir() {
    return findUp(Path.of("corpus"))
        .orElseThrow(() -> new IllegalStateException("no corpus/ above the working directory"));
  }

  /** @return the project's {@code docker/} folder */
  public static Path dockerDir() {
    return findUp(Path.of("docker", "docker-compose.yml"))
        .map(Path::getParent)
        .orElseThrow(() -> new IllegalStateException("no docker/ above the working directory"));
  }

  /**
   * The shared seed article: {@code $newssignals.shared.dir/real-input/mistral-es.txt} when the
   * property is set, else {@code shared/real-input/mistral-es.txt} found from the working
   * directory up (CI lays {@code shared/} beside the clone).
   *
   * @return its path, or empty when neither exists
   */
  public static Optional<Path> sharedSeed() {
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
