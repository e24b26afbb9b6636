package io.newssignals.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.testing.ListeningSockets;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stack's own lifecycle; it starts a second stack, since the shared one must outlive it. */
class LocalStackTest {

  @Test
  void closeStopsTheRegistryProcessAndTheBroker() throws Exception {
    LocalStack stack = new LocalStack().start();
    ProcessHandle registry = stack.registry().processHandle();
    String kafkaPort = stack.bootstrapServers().split(":")[1];
    try {
      assertTrue(registry.isAlive());
      assertTrue(stack.schemaRegistryUrl().startsWith("http://127.0.0.1:"), stack.schemaRegistryUrl());
      assertTrue(stack.schemaRegistryUrl().endsWith("/apis/ccompat/v7"), stack.schemaRegistryUrl());
      if (ListeningSockets.available()) {
        List<InetSocketAddress> listening = ListeningSockets.of(registry.pid());
        // Apicurio 3.0.9 listens on its HTTP port only, and on 127.0.0.1.
        assertEquals(1, listening.size(), "registry listens on " + listening);
        listening.forEach(a -> assertTrue(a.getAddress().isLoopbackAddress(), "not loopback: " + a));
      }
    } finally {
      stack.close();
    }
    assertFalse(registry.isAlive());
    assertEquals(0, registry.descendants().count());
    assertThrows(java.io.IOException.class, () -> new Socket("127.0.0.1", Integer.parseInt(kafkaPort)).close());
    stack.close();
  }

  @Test
  void missingRegistryDistributionNamesTheFolderAndTheFix() {
    Path nowhere = Path.of("target", "no-such-registry");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LocalSchemaRegistry(nowhere).start());
    assertTrue(e.getMessage().contains(nowhere.toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("mvn generate-resources"), e.getMessage());
  }

  @Test
  void registryThatDiesAtStartIsReportedWithItsLog() throws Exception {
    Path home = Files.createTempDirectory("fake-registry-home");
    try {
      Files.writeString(home.resolve(LocalSchemaRegistry.RUNNER_JAR), "not a jar");
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LocalSchemaRegistry(home).start());
      assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
      assertTrue(e.getMessage().contains("Invalid or corrupt jarfile"), e.getMessage());
      // The log is kept on failure so that it can be read; this test removes it.
      String marker = "Its log: ";
      int at = e.getMessage().indexOf(marker);
      assertTrue(at >= 0, e.getMessage());
      Path logFile = Path.of(e.getMessage().substring(at + marker.length()).split("\n")[0]);
      assertTrue(Files.isRegularFile(logFile), logFile.toString());
      Utils.delete(logFile.getParent().toFile());
    } finally {
      Utils.delete(home.toFile());
    }
  }
}
