package io.newssignals.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.newssignals.testing.LocalStackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Basic auth and TLS of {@link HttpSchemaRegistryClient}: the real registry behind a TLS endpoint
 * on 127.0.0.1 that demands basic auth (the JDK's HTTPS server, a certificate made with the JDK's
 * keytool for this run, requests passed through to the registry unchanged).
 */
@ExtendWith(LocalStackExtension.class)
class RegistrySecurityTest {

  private static final String USER_INFO = "bob:registry-pass";
  private static final String STORE_PASSWORD = "store-pass";
  private static final Schema SCHEMA = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"Secured\",\"namespace\":\"io.newssignals.test\","
          + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");

  @TempDir static Path dir;

  private static HttpsServer server;
  private static String url;

  @BeforeAll
  static void startTlsEndpoint() throws Exception {
    Path serverStore = dir.resolve("server.p12");
    keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
    keytool("-exportcert", "-alias", "registry", "-keystore", serverStore.toString(),
        "-storepass", STORE_PASSWORD, "-file", dir.resolve("server.crt").toString());
    keytool("-importcert", "-noprompt", "-alias", "registry", "-file", dir.resolve("server.crt").toString(),
        "-keystore", dir.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(serverStore)) {
      keys.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, STORE_PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);

    URI registry = URI.create(LocalStackExtension.schemaRegistryUrl());
    String registryRoot = registry.getScheme() + "://" + registry.getAuthority();
    String expectedAuth = "Basic " + Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8));
    HttpClient upstream = HttpClient.newHttpClient();
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      try (exchange) {
        if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
          reply(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
          return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(registryRoot + exchange.getRequestURI()))
            .method(exchange.getRequestMethod(), body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
          forward.header("Content-Type", contentType);
        }
        HttpResponse<String> answer = upstream.send(forward.build(), HttpResponse.BodyHandlers.ofString());
        reply(exchange, answer.statusCode(), answer.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
    url = "https://127.0.0.1:" + server.getAddress().getPort() + registry.getPath();
  }

  @AfterAll
  static void stopTlsEndpoint() {
    server.stop(0);
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool hung");
      assertEquals(0, process.exitValue(), "keytool " + args[0] + ": " + out);
    } finally {
      process.destroyForcibly();
    }
  }

  private static Map<String, String> settings(String userInfo) {
    return Map.of(
        HttpSchemaRegistryClient.BASIC_AUTH_USER_INFO, userInfo,
        HttpSchemaRegistryClient.TRUSTSTORE_LOCATION, dir.resolve("trust.p12").toString(),
        HttpSchemaRegistryClient.TRUSTSTORE_PASSWORD, STORE_PASSWORD,
        HttpSchemaRegistryClient.TRUSTSTORE_TYPE, "PKCS12");
  }

  @Test
  void withTheUserAndTheTrustStoreTheRegistryAnswersOverTls() {
    HttpSchemaRegistryClient client = HttpSchemaRegistryClient.fromSettings(url, settings(USER_INFO));
    int id = client.register("secured-value", SCHEMA);
    assertEquals(SCHEMA, HttpSchemaRegistryClient.fromSettings(url, settings(USER_INFO)).schemaById(id));
    assertTrue(client.subjects().contains("secured-value"));
  }

  @Test
  void aWrongPasswordIsRefusedAndNotRepeatedInTheError() {
    HttpSchemaRegistryClient client = HttpSchemaRegistryClient.fromSettings(url, settings("bob:wrong-pass"));
    SchemaRegistryException e = assertThrows(SchemaRegistryException.class, client::subjects);
    assertEquals(401, e.status());
    assertFalse(e.getMessage().contains("wrong-pass"), e.getMessage());
  }

  @Test
  void withoutTheTrustStoreTheJdkDefaultTrustRefusesTheCertificate() {
    HttpSchemaRegistryClient client =
        HttpSchemaRegistryClient.fromSettings(url, Map.of(HttpSchemaRegistryClient.BASIC_AUTH_USER_INFO, USER_INFO));
    SchemaRegistryException e = assertThrows(SchemaRegistryException.class, client::subjects);
    assertEquals(-1, e.status());
    assertTrue(e.getMessage().contains("SSLHandshakeException"), e.getMessage());
  }

  @Test
  void userInfoWithoutAColonIsRefusedWithoutEchoingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HttpSchemaRegistryClient.fromSettings(url, Map.of(HttpSchemaRegistryClient.BASIC_AUTH_USER_INFO, "justasecret")));
    assertEquals(HttpSchemaRegistryClient.BASIC_AUTH_USER_INFO + " must be user:password", e.getMessage());
  }
}
