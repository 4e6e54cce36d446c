package org.kafkaetl.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server standing in for the SMS gateway: it answers 202 to every request on
 * {@link #url()} and records each request's body and Authorization header, in arrival order. The
 * tool sends alerts synchronously, so what a command sent is recorded when the command returns.
 *
 * <pre>{@code
 * try (SmsGateway gateway = SmsGateway.start()) {
 *   scenario.properties().putAll(gateway.alertSettings("token"));
 *   ... run ...
 *   assertThat(gateway.fixCommands()).containsExactly("rerun --topic t --partition 0 --hour 2026112103");
 * }
 * }</pre>
 */
public final class SmsGateway implements AutoCloseable {
  /** The command after "fix: " in an SMS text; it ends at " (+N more)", " ; then ", " | ", or the end of the text. */
  private static final Pattern FIX =
      Pattern.compile("fix: hadoop jar kafka-etl-job\\.jar (\\S.*?)(?= \\(\\+| ; then | \\| |$)");
  private static final String TOOL = "hadoop jar kafka-etl-job.jar ";
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String RECIPIENT = "+15550001111";

  private final HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  private SmsGateway(HttpServer server) {
    this.server = server;
  }

  /** Starts a gateway on a free loopback port. */
  public static SmsGateway start() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local SMS gateway", e);
    }
    SmsGateway gateway = new SmsGateway(server);
    server.createContext("/send", exchange -> {
      gateway.bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      gateway.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    server.start();
    return gateway;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/send";
  }

  /**
   * The alert settings that send critical alerts to the log and to this gateway, for one recipient
   * ({@link #RECIPIENT}) and with {@code token} as bearer token (empty for none).
   */
  public Map<String, String> alertSettings(String token) {
    Map<String, String> settings = new TreeMap<>();
    settings.put("alerts.senders", "log,sms");
    settings.put("alerts.sms.url", url());
    settings.put("alerts.sms.recipients", RECIPIENT);
    settings.put("alerts.sms.token", token);
    return settings;
  }

  /** Every request body received so far (the default template: JSON with the SMS text in "message"). */
  public List<String> bodies() {
    return List.copyOf(bodies);
  }

  /** The SMS text of every request so far: the "message" of the default template's JSON body. */
  public List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (String body : bodies) {
      try {
        texts.add(JSON.readTree(body).path("message").asText());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("not a JSON body of the default template: " + body, e);
      }
    }
    return texts;
  }

  /** The Authorization header of every request so far ("null" when a request had none). */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /**
   * The fix command of each SMS received so far, without the {@code hadoop jar kafka-etl-job.jar}
   * prefix, so it can be passed to the command line as it is (split at spaces); SMS without a
   * command are left out.
   */
  public List<String> fixCommands() {
    List<String> commands = new ArrayList<>();
    for (String text : texts()) {
      fixCommand(text).ifPresent(commands::add);
    }
    return commands;
  }

  /** The fix command of one SMS text, as {@link #fixCommands()} gives it; empty when it has none. */
  public static java.util.Optional<String> fixCommand(String text) {
    Matcher m = FIX.matcher(text);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  /**
   * Every command of one SMS text in the order it is to be run ({@code fix: A ; then B}), the tool's
   * own without the {@code hadoop jar kafka-etl-job.jar} prefix, others (e.g. {@code yarn application
   * -kill}) as they are; empty when it has none.
   */
  public static List<String> commands(String text) {
    int at = text.indexOf("fix: ");
    if (at < 0) {
      return List.of();
    }
    String fix = text.substring(at + "fix: ".length());
    int end = fix.indexOf(" | ");
    fix = (end < 0 ? fix : fix.substring(0, end)).replaceFirst(" \\(\\+\\d+ more\\)$", "");
    return java.util.Arrays.stream(fix.split(" ; then "))
        .map(c -> c.startsWith(TOOL) ? c.substring(TOOL.length()) : c).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
