package io.newssignals.testing;

import io.newssignals.local.LocalStack;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives integration tests one real {@link LocalStack} (Kafka broker and schema registry on
 * 127.0.0.1) per test JVM, shared by every test class that uses this extension.
 *
 * <p>Use: annotate the class with {@code @ExtendWith(LocalStackExtension.class)}, then read {@link
 * #bootstrapServers()} and {@link #schemaRegistryUrl()} in tests or {@code @BeforeAll}. The stack
 * starts with the first such class (8 to 30 s on 2 busy cores) and is kept in the root {@link
 * ExtensionContext.Store}, which closes it once all tests of the run have finished. Tests share
 * topics and subjects, so each should use names of its own.
 */
public final class LocalStackExtension implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

  private static volatile LocalStack stack;

  @Override
  public void beforeAll(ExtensionContext context) {
    // The root store closes AutoCloseable values when the whole run ends (JUnit 5.13+).
    stack = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(LocalStack.class, key -> new LocalStack().start(), LocalStack.class);
  }

  /** @return the shared stack; only inside a class extended with this extension */
  public static LocalStack stack() {
    LocalStack current = stack;
    if (current == null) {
      throw new IllegalStateException("No local stack: annotate the test class with @ExtendWith(LocalStackExtension.class)");
    }
    return current;
  }

  /** @return {@code 127.0.0.1:<port>} of the shared broker */
  public static String bootstrapServers() {
    return stack().bootstrapServers();
  }

  /** @return the shared registry's Confluent-compatible API root */
  public static String schemaRegistryUrl() {
    return stack().schemaRegistryUrl();
  }
}
