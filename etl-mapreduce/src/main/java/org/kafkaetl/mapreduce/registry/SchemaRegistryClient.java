package org.kafkaetl.mapreduce.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.kafkaetl.core.config.SchemaRegistrySettings;
import org.kafkaetl.core.decode.RegistryUnavailableException;
import org.kafkaetl.core.decode.WriterSchemas;

/**
 * A small client of the Confluent-compatible schema registry API ({@code GET /schemas/ids/{id}},
 * {@code GET /subjects/{subject}/versions/latest}), which Confluent, Karapace and Apicurio (under
 * {@code /apis/ccompat/v7}) serve; their own Java clients are not on Maven Central or bring their own
 * HTTP stacks. Each URL is tried in turn; only HTTP 404 with the API's error code 40403 ("schema not
 * found", Confluent's and Apicurio's alike) says an id is unknown: a 404 without it comes from a URL
 * that is no registry API root, and like anything else that is not 200 it is the registry's failure,
 * never held against a message. Schemas found by id are kept for the client's life: an id never
 * changes its schema. Thread-safe. The password is only ever put into the header.
 */
public final class SchemaRegistryClient implements WriterSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/json";
  /** The Confluent API's error code for "schema not found". */
  private static final int SCHEMA_NOT_FOUND = 40403;
  private static final int ANY_NOT_FOUND = -1;

  private final SchemaRegistrySettings settings;
  private final HttpClient http;
  private final Optional<String> authorization;
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

  /**
   * @throws IllegalArgumentException if no registry URL is configured
   * @throws org.kafkaetl.core.config.ConfigException if a configured truststore or keystore cannot be read
   */
  public SchemaRegistryClient(SchemaRegistrySettings settings) {
    this(settings, Map.of());
  }

  /**
   * @param known writer schemas by id the run already has (the driver's {@link #newestVersions}), so
   *     a map task asks the registry only for the others
   */
  public SchemaRegistryClient(SchemaRegistrySettings settings, Map<Integer, Schema> known) {
    if (!settings.isConfigured()) {
      throw new IllegalArgumentException("no schema registry URL is configured");
    }
    this.settings = settings;
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL);
    RegistryTls.context(settings.tls()).ifPresent(http::sslContext);
    this.http = http.build();
    this.authorization = settings.user().map(user -> "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + settings.password().value()).getBytes(StandardCharsets.UTF_8)));
    byId.putAll(known);
  }

  @Override
  public Optional<Schema> byId(int id) {
    Schema known = byId.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<JsonNode> answer = get("/schemas/ids/" + id, "schema id " + id, SCHEMA_NOT_FOUND);
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    Schema schema = parse(answer.get(), "schema id " + id);
    byId.put(id, schema);
    return Optional.of(schema);
  }

  /**
   * The latest version of a subject.
   *
   * @throws RegistryUnavailableException if the registry does not answer
   * @throws IllegalArgumentException if the subject has no version, or its latest is no Avro schema
   */
  public Schema latest(String subject) {
    String what = "the latest version of subject " + subject;
    JsonNode answer = get("/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20")
        + "/versions/latest", what, ANY_NOT_FOUND)
        .orElseThrow(() -> new IllegalArgumentException("the schema registry has no subject " + subject));
    try {
      return parse(answer, what);
    } catch (org.apache.avro.AvroRuntimeException e) {
      // SchemaParseException, and AvroTypeException for a default that does not fit its field
      throw new IllegalArgumentException(what + " is not a valid Avro schema: " + e.getMessage(), e);
    }
  }

  /**
   * The subject's newest versions, at most {@code max} of them, by id: what messages of a run carry
   * most, fetched once by the driver instead of once per map task.
   *
   * @throws RegistryUnavailableException if the registry does not answer
   */
  public Map<Integer, Schema> newestVersions(String subject, int max) {
    String path = "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20") + "/versions";
    Optional<JsonNode> versions = get(path, "the versions of subject " + subject, ANY_NOT_FOUND);
    Map<Integer, Schema> newest = new java.util.TreeMap<>();
    if (versions.isEmpty() || !versions.get().isArray()) {
      return newest;
    }
    List<Integer> numbers = new java.util.ArrayList<>();
    versions.get().forEach(v -> numbers.add(v.asInt()));
    numbers.sort(java.util.Comparator.reverseOrder());
    for (int version : numbers.subList(0, Math.min(max, numbers.size()))) {
      String what = "version " + version + " of subject " + subject;
      get(path + "/" + version, what, ANY_NOT_FOUND).filter(answer -> answer.has("id")).ifPresent(answer -> {
        try {
          newest.put(answer.get("id").asInt(), parse(answer, what));
        } catch (org.apache.avro.AvroRuntimeException | IllegalArgumentException e) {
          // not Avro, with references, or a bad default (AvroTypeException): left out here, a message
          // carrying its id goes to the error file as it would have
        }
      });
    }
    return newest;
  }

  /**
   * Empty on a 404 whose body carries {@code notFoundCode} ({@link #ANY_NOT_FOUND}: any 404); tries the
   * next URL on any failure of the registry.
   */
  private Optional<JsonNode> get(String path, String what, int notFoundCode) {
    RegistryUnavailableException last = null;
    for (URI base : settings.urls()) {
      URI uri = URI.create(stripSlash(base.toString()) + path);
      try {
        HttpResponse<byte[]> response = http.send(request(uri), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404
            && (notFoundCode == ANY_NOT_FOUND || errorCode(response.body()) == notFoundCode)) {
          return Optional.empty();
        }
        if (response.statusCode() == 200) {
          return Optional.of(JSON.readTree(response.body()));
        }
        last = new RegistryUnavailableException("schema registry " + base + " answered HTTP " + response.statusCode()
            + " for " + what + ": " + excerpt(response.body()), null);
      } catch (IOException e) {
        last = new RegistryUnavailableException("schema registry " + base + " did not answer for " + what + ": " + e,
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException("interrupted while asking the schema registry for " + what, e);
      }
    }
    throw last;
  }

  private HttpRequest request(URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
        .header("Accept", ACCEPT).GET();
    authorization.ifPresent(value -> request.header("Authorization", value));
    return request.build();
  }

  /** The {@code error_code} of a registry's error body; 0 when there is none (e.g. a web server's 404 page). */
  private static int errorCode(byte[] body) {
    try {
      JsonNode code = JSON.readTree(body).get("error_code");
      return code != null && code.canConvertToInt() ? code.intValue() : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Only Avro: a registry also holds JSON Schema and Protobuf, whose ids an avro-confluent topic cannot use. */
  private static Schema parse(JsonNode answer, String what) {
    JsonNode type = answer.get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
      throw new org.apache.avro.SchemaParseException(what + " is a " + type.asText() + " schema, not Avro");
    }
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw new RegistryUnavailableException("the schema registry's answer for " + what + " has no schema text", null);
    }
    List<?> references = answer.has("references") ? JSON.convertValue(answer.get("references"), List.class) : List.of();
    if (!references.isEmpty()) {
      throw new org.apache.avro.SchemaParseException(what + " references other schemas, which is not supported");
    }
    return new Schema.Parser().parse(text.textValue());
  }

  /** The start of an error body, which a registry fills with its error code and message, never our secrets. */
  private static String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
