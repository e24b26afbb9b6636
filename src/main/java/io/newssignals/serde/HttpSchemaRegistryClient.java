package io.newssignals.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A {@link SchemaRegistry} over HTTP that speaks only the public Confluent Schema Registry REST API
 * (Confluent Schema Registry API reference, v7), so it works against Confluent, Apicurio's
 * {@code /apis/ccompat/v7}, Karapace and Redpanda.
 *
 * <p>Thread-safe. Registrations (subject and schema to id) and lookups (id to schema) are cached
 * for the life of the client, since ids never change meaning. Every call has a connect and a
 * request timeout. Failures are {@link SchemaRegistryException}s that name the method and URL:
 * for an error answer they carry its HTTP status and the registry's {@code error_code} and {@code
 * message}; when the registry cannot be reached or does not answer in time, status -1.
 *
 * <p>Security: HTTP basic auth (RFC 7617) from a {@code user:password} pair, and TLS for {@code
 * https://} URLs with the JDK's default {@link SSLContext} (its {@code javax.net.ssl.trustStore})
 * or a given one; {@link #fromSettings} reads both from Confluent-style settings. Hostnames are
 * verified. The password never appears in messages.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistry {

  /** Default connect and request timeout, 10 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final int SUBJECT_NOT_FOUND = 40401;
  private static final int VERSION_NOT_FOUND = 40402;

  /** Compatibility levels of {@code PUT /config/{subject}} (Confluent Schema Registry API reference). */
  public enum Compatibility {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE
  }

  /** Setting: {@code user:password} for HTTP basic auth, as Confluent's {@code basic.auth.user.info}. */
  public static final String BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";

  /** Setting: trust store file for TLS; without it the JDK's default trust applies. */
  public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";

  /** Setting: password of the trust store file, if it has one. */
  public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";

  /** Setting: type of the trust store file, {@code PKCS12} (default) or {@code JKS}. */
  public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";

  /** Every registry setting starts with this, so that they can be told from Kafka client settings. */
  public static final String SETTINGS_PREFIX = "schema.registry.";

  private final String baseUrl;
  private final Duration timeout;
  private final String authorization;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  /** @param baseUrl the API root, e.g. {@code http://127.0.0.1:8081} or {@code .../apis/ccompat/v7} */
  public HttpSchemaRegistryClient(String baseUrl) {
    this(baseUrl, DEFAULT_TIMEOUT);
  }

  /**
   * @param baseUrl the API root, e.g. {@code http://127.0.0.1:8081} or {@code .../apis/ccompat/v7}
   * @param timeout both the connect timeout and the time allowed for each answer
   */
  public HttpSchemaRegistryClient(String baseUrl, Duration timeout) {
    this(baseUrl, timeout, null, null);
  }

  /**
   * @param baseUrl the API root, {@code http://} or {@code https://}
   * @param timeout both the connect timeout and the time allowed for each answer
   * @param userInfo {@code user:password} for basic auth, or null for none
   * @param sslContext trust for {@code https://}, or null for the JDK's default
   * @throws IllegalArgumentException if {@code userInfo} has no ':'
   */
  public HttpSchemaRegistryClient(String baseUrl, Duration timeout, String userInfo, SSLContext sslContext) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeout = timeout;
    if (userInfo != null && userInfo.indexOf(':') < 0) {
      throw new IllegalArgumentException(BASIC_AUTH_USER_INFO + " must be user:password");
    }
    this.authorization = userInfo == null ? null
        : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
    if (sslContext != null) {
      builder.sslContext(sslContext);
    }
    this.http = builder.build();
  }

  /**
   * A client configured from settings: {@link #BASIC_AUTH_USER_INFO}, {@link #TRUSTSTORE_LOCATION},
   * {@link #TRUSTSTORE_PASSWORD}, {@link #TRUSTSTORE_TYPE}; other keys are ignored. Timeout {@link
   * #DEFAULT_TIMEOUT}.
   *
   * @throws IllegalArgumentException if the trust store cannot be read, or the user info is malformed
   */
  public static HttpSchemaRegistryClient fromSettings(String baseUrl, Map<String, ?> settings) {
    Object userInfo = settings.get(BASIC_AUTH_USER_INFO);
    Object truststore = settings.get(TRUSTSTORE_LOCATION);
    SSLContext ssl = truststore == null ? null : trustStoreContext(
        Path.of(truststore.toString()),
        String.valueOf(settings.containsKey(TRUSTSTORE_TYPE) ? settings.get(TRUSTSTORE_TYPE) : "PKCS12"),
        settings.get(TRUSTSTORE_PASSWORD) == null ? null : settings.get(TRUSTSTORE_PASSWORD).toString());
    return new HttpSchemaRegistryClient(baseUrl, DEFAULT_TIMEOUT, userInfo == null ? null : userInfo.toString(), ssl);
  }

  private static SSLContext trustStoreContext(Path file, String type, String password) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password == null ? null : password.toCharArray());
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot load the registry trust store " + file + " (" + type + "): " + e.getMessage(), e);
    }
  }

  /** @return the API root this client talks to, without a trailing slash */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * {@code POST /subjects/{subject}/versions} with {@code {"schema": "<schema json>"}}; answers
   * {@code {"id": N}}, the existing id if the schema is already there.
   */
  @Override
  public int register(String subject, Schema schema) {
    Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    Integer cached = ids.get(schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    int id = requireField(answer, "id", "POST", "/subjects/" + encode(subject) + "/versions").asInt();
    ids.put(schema, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  /**
   * {@code GET /schemas/ids/{id}}; answers {@code {"schema": "...", "schemaType": "AVRO"}}, where
   * {@code schemaType} is absent for Avro on Confluent.
   *
   * @throws SchemaRegistryException also if the schema is not Avro or does not parse (status 200)
   */
  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    String path = "/schemas/ids/" + id;
    JsonNode answer = send("GET", path, null);
    String type = answer.path("schemaType").asText("AVRO");
    if (!"AVRO".equals(type)) {
      throw new SchemaRegistryException("GET " + baseUrl + path + ": schema " + id + " is " + type + ", not AVRO", 200, null);
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(requireField(answer, "schema", "GET", path).asText());
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException("GET " + baseUrl + path + ": schema " + id + " is not valid Avro: " + e.getMessage(), 200, e);
    }
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous != null ? previous : schema;
  }

  /** {@code PUT /config/{subject}} with {@code {"compatibility": "<level>"}}. */
  public void setCompatibility(String subject, Compatibility level) {
    send("PUT", "/config/" + encode(subject), json.createObjectNode().put("compatibility", level.name()).toString());
  }

  /**
   * {@code POST /compatibility/subjects/{subject}/versions/latest}; answers {@code
   * {"is_compatible": true|false}} under the subject's compatibility level.
   *
   * @return whether the registry would accept {@code schema} as the next version; true when the
   *     subject has no version yet (Confluent answers 404 with error_code 40401 then, Apicurio true)
   */
  public boolean isCompatible(String subject, Schema schema) {
    String path = "/compatibility/subjects/" + encode(subject) + "/versions/latest";
    try {
      return requireField(send("POST", path, schemaBody(schema)), "is_compatible", "POST", path).asBoolean();
    } catch (RegistryErrorAnswer e) {
      if (e.errorCode == SUBJECT_NOT_FOUND || e.errorCode == VERSION_NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  /** {@code GET /subjects}; answers a JSON array of subject names. */
  public List<String> subjects() {
    JsonNode answer = send("GET", "/subjects", null);
    List<String> subjects = new ArrayList<>();
    answer.forEach(node -> subjects.add(node.asText()));
    return subjects;
  }

  private String schemaBody(Schema schema) {
    return json.createObjectNode().put("schema", schema.toString()).toString();
  }

  /** Percent-encodes a subject as one path segment (URLEncoder's '+' for space is wrong in paths). */
  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode requireField(JsonNode answer, String field, String method, String path) {
    JsonNode value = answer.get(field);
    if (value == null || value.isNull()) {
      throw new SchemaRegistryException(method + " " + baseUrl + path + ": answer has no \"" + field + "\": " + answer, 200, null);
    }
    return value;
  }

  private JsonNode send(String method, String path, String body) {
    String url = baseUrl + path;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(timeout)
        .header("Accept", CONTENT_TYPE + ", application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", CONTENT_TYPE);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new SchemaRegistryException("Schema registry at " + baseUrl + " is unreachable (" + method + " " + url + "): " + e, -1, e);
    } catch (HttpTimeoutException e) {
      throw new SchemaRegistryException("Schema registry at " + baseUrl + " did not answer " + method + " " + url
          + " within " + timeout.toMillis() + " ms", -1, e);
    } catch (IOException e) {
      throw new SchemaRegistryException("Schema registry at " + baseUrl + " is unreachable (" + method + " " + url + "): " + e, -1, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("Interrupted during " + method + " " + url, -1, e);
    }
    int status = response.statusCode();
    JsonNode answer = parse(response.body());
    if (status >= 400) {
      int errorCode = answer == null ? -1 : answer.path("error_code").asInt(-1);
      String detail = answer == null ? abbreviate(response.body()) : answer.path("message").asText(abbreviate(response.body()));
      throw new RegistryErrorAnswer(method + " " + url + " failed: HTTP " + status + ", error_code " + errorCode + ": " + detail,
          status, errorCode);
    }
    if (answer == null) {
      throw new SchemaRegistryException(method + " " + url + ": answer is not JSON: " + abbreviate(response.body()), status, null);
    }
    return answer;
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() <= 500 ? body : body.substring(0, 500) + "...";
  }

  /** An error answer, keeping the registry's error_code so that callers can tell cases apart. */
  private static final class RegistryErrorAnswer extends SchemaRegistryException {
    private final int errorCode;

    RegistryErrorAnswer(String message, int status, int errorCode) {
      super(message, status, null);
      this.errorCode = errorCode;
    }
  }
}
