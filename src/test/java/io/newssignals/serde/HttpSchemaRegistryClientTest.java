package io.newssignals.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.serde.HttpSchemaRegistryClient.Compatibility;
import io.newssignals.testing.LocalStackExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class HttpSchemaRegistryClientTest {

  private static final Schema V1 = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"T\",\"namespace\":\"io.newssignals.test\","
          + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
  private static final Schema WITH_OPTIONAL = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"T\",\"namespace\":\"io.newssignals.test\","
          + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null}]}");
  private static final Schema WITH_REQUIRED = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"T\",\"namespace\":\"io.newssignals.test\","
          + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"long\"}]}");

  @Test
  void registersLooksUpAndChecksCompatibility() {
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(LocalStackExtension.schemaRegistryUrl());

    int id = client.register("t-value", V1);
    assertTrue(id >= 0, "id " + id);
    assertEquals(id, client.register("t-value", V1));
    // A fresh client has no cache: the registry itself must answer with the same id.
    HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(LocalStackExtension.schemaRegistryUrl());
    assertEquals(id, fresh.register("t-value", V1));
    assertEquals(V1, fresh.schemaById(id));
    assertTrue(client.subjects().contains("t-value"), "subjects " + client.subjects());

    client.setCompatibility("t-value", Compatibility.BACKWARD);
    assertTrue(client.isCompatible("t-value", WITH_OPTIONAL));
    assertFalse(client.isCompatible("t-value", WITH_REQUIRED));
  }

  @Test
  void subjectsAreEncodedAsOnePathSegment() {
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(LocalStackExtension.schemaRegistryUrl());
    String subject = "odd/name with space+plus-value";
    int id = client.register(subject, V1);
    assertEquals(V1, new HttpSchemaRegistryClient(LocalStackExtension.schemaRegistryUrl()).schemaById(id));
    assertTrue(client.subjects().contains(subject), "subjects " + client.subjects());
  }

  @Test
  void unknownIdIs404() {
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(LocalStackExtension.schemaRegistryUrl());
    SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.schemaById(987_654));
    assertEquals(404, e.status());
    assertTrue(e.getMessage().contains(LocalStackExtension.schemaRegistryUrl() + "/schemas/ids/987654"), e.getMessage());
  }

  @Test
  void closedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url, Duration.ofSeconds(2));
    SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.register("t-value", V1));
    assertEquals(-1, e.status());
    assertTrue(e.getMessage().contains("Schema registry at " + url + " is unreachable"), e.getMessage());
  }
}
