package io.newssignals.local;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local default: a {@link LocalKafka} broker and a {@link LocalSchemaRegistry}, both on
 * 127.0.0.1, started together (in parallel) and stopped together. The broker runs in this JVM, or
 * in a JVM of its own ({@link #withBrokerInOwnJvm()}, a {@link BrokerProcess}).
 *
 * <p>Use: {@code try (LocalStack stack = new LocalStack().start()) { stack.bootstrapServers();
 * stack.schemaRegistryUrl(); }}. A JVM shutdown hook closes it if the JVM exits first.
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  // Exactly one of the two is set.
  private final LocalKafka kafka;
  private final BrokerProcess brokerProcess;
  private final LocalSchemaRegistry registry;
  private final ClosingHook closing = new ClosingHook("local-stack-shutdown");

  /** A stack whose registry comes from {@link LocalSchemaRegistry#defaultHome()}. */
  public LocalStack() {
    this(LocalSchemaRegistry.defaultHome());
  }

  /** @param registryHome the unpacked Apicurio Registry 3.0.9 distribution */
  public LocalStack(Path registryHome) {
    this(registryHome, false);
  }

  private LocalStack(Path registryHome, boolean brokerInOwnJvm) {
    this.kafka = brokerInOwnJvm ? null : new LocalKafka();
    this.brokerProcess = brokerInOwnJvm ? new BrokerProcess() : null;
    this.registry = new LocalSchemaRegistry(registryHome);
  }

  /**
   * @return a stack whose broker runs in a JVM of its own, and whose registry comes from {@link
   *     LocalSchemaRegistry#defaultHome()}
   */
  public static LocalStack withBrokerInOwnJvm() {
    return new LocalStack(LocalSchemaRegistry.defaultHome(), true);
  }

  /**
   * Starts the registry's JVM in the background and the broker in this thread, and waits for both.
   *
   * @return this
   * @throws IllegalStateException if either fails to start (see {@link LocalKafka#start()} and
   *     {@link LocalSchemaRegistry#start()}); both are stopped again
   */
  public synchronized LocalStack start() {
    if (closing.isClosed()) {
      throw new IllegalStateException("LocalStack is closed");
    }
    long startedAt = System.nanoTime();
    closing.register(this::close);
    CompletableFuture<LocalSchemaRegistry> registryStart = CompletableFuture.supplyAsync(registry::start, task -> {
      Thread thread = new Thread(task, "local-schema-registry-start");
      thread.setDaemon(true);
      thread.start();
    });
    try {
      if (kafka != null) {
        kafka.start();
      } else {
        brokerProcess.start();
      }
      registryStart.join();
    } catch (RuntimeException e) {
      // Let the registry finish starting (or failing) so that close() does not race it.
      registryStart.exceptionally(ignored -> null).join();
      close();
      throw e instanceof CompletionException && e.getCause() instanceof RuntimeException
          ? (RuntimeException) e.getCause()
          : e;
    }
    log.info("Local stack up in {} ms: Kafka {}, schema registry {}", (System.nanoTime() - startedAt) / 1_000_000,
        bootstrapServers(), schemaRegistryUrl());
    return this;
  }

  /** @return {@code 127.0.0.1:<port>}, for {@code bootstrap.servers} */
  public String bootstrapServers() {
    return kafka != null ? kafka.bootstrapServers() : brokerProcess.bootstrapServers();
  }

  /** @return the registry's Confluent-compatible API root, {@code http://127.0.0.1:<port>/apis/ccompat/v7} */
  public String schemaRegistryUrl() {
    return registry.url();
  }

  /**
   * @return the broker
   * @throws IllegalStateException if it runs in its own JVM
   */
  public LocalKafka kafka() {
    if (kafka == null) {
      throw new IllegalStateException("The broker runs in its own JVM: see brokerProcess()");
    }
    return kafka;
  }

  /** @return the broker's JVM, when it runs in one of its own */
  public Optional<BrokerProcess> brokerProcess() {
    return Optional.ofNullable(brokerProcess);
  }

  /** @return the schema registry */
  public LocalSchemaRegistry registry() {
    return registry;
  }

  /** Stops the registry and the broker; idempotent. */
  @Override
  public synchronized void close() {
    if (!closing.close()) {
      return;
    }
    try {
      registry.close();
    } finally {
      if (kafka != null) {
        kafka.close();
      } else {
        brokerProcess.close();
      }
    }
  }
}
