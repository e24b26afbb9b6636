package io.newssignals.testing;

import io.newssignals.local.LocalKafka;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A KRaft broker on 127.0.0.1 for one test class alone, for tests that use the fixed topic names
 * ({@code news.raw}, {@code signals.*}) or restart the broker, and so cannot share the broker of
 * {@link LocalStackExtension}.
 *
 * <p>Use: {@code @RegisterExtension static final OwnBroker broker = new OwnBroker();} then {@link
 * #kafka()} in the tests. Starts before the class's first test, stops after its last.
 */
public final class OwnBroker implements BeforeAllCallback, AfterAllCallback {

  private LocalKafka kafka;

  @Override
  public void beforeAll(ExtensionContext context) {
    kafka = new LocalKafka().start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    kafka.close();
  }

  /** @return the running broker @throws IllegalStateException before the class's tests start */
  public LocalKafka kafka() {
    if (kafka == null) {
      throw new IllegalStateException("the broker starts before the class's first test");
    }
    return kafka;
  }

  /** @return {@code 127.0.0.1:<port>} of the broker */
  public String bootstrapServers() {
    return kafka().bootstrapServers();
  }
}
