package org.kafkaetl.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.kafkaetl.core.alert.AlertHistory;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.AlertSettings;
import org.kafkaetl.core.config.Password;

/**
 * A local HTTP server standing in for the SMS gateway (/sms) and a webhook (/hook), recording every
 * request, with the faults the dispatcher must survive: answers of 503 (retried) and a recipient it
 * refuses with 400 (final).
 */
final class GatewayStandIn implements AutoCloseable {
  static final Duration SUPPRESSION_WINDOW = Duration.ofHours(1);
  static final Duration REDELIVERY_LOOKBACK = Duration.ofHours(24);

  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  /** This many SMS requests are answered 503 before the gateway works again. */
  final AtomicInteger failuresLeft = new AtomicInteger();
  /** The gateway answers 400 (final, not retried) for a body naming this recipient. */
  final AtomicReference<String> refusedRecipient = new AtomicReference<>("no-such-recipient");
  final List<String> hookBodies = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  private GatewayStandIn(HttpServer server) {
    this.server = server;
  }

  static GatewayStandIn start() throws IOException {
    GatewayStandIn gateway = new GatewayStandIn(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    gateway.server.createContext("/sms", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      gateway.bodies.add(body);
      gateway.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      int status = body.contains(gateway.refusedRecipient.get()) ? 400
          : gateway.failuresLeft.getAndDecrement() > 0 ? 503 : 200;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    gateway.server.createContext("/hook", exchange -> {
      gateway.hookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    gateway.server.start();
    return gateway;
  }

  /** SMS to two recipients through this gateway, with a token that must never show. */
  AlertSettings.Sms sms(AlertSettings.BodyFormat format, Severity min) {
    String template = format == AlertSettings.BodyFormat.JSON
        ? "{\"to\":\"${recipient}\",\"message\":\"${text}\"}" : "to=${recipient}&text=${text}";
    return new AlertSettings.Sms(url("/sms"), "POST", List.of("+8613800000001", "+8613800000002"), template, format,
        new Password("s3cret-token"), min);
  }

  /** Log and SMS (and the webhook if asked), the history given, the time {@code now} says; fast retries. */
  AlertDispatcher dispatcher(AlertSettings.Sms sms, boolean webhook, AlertHistory history, Supplier<Instant> now) {
    Optional<AlertSettings.Webhook> hook = webhook
        ? Optional.of(new AlertSettings.Webhook(url("/hook"), new Password(""))) : Optional.empty();
    AlertSettings settings = new AlertSettings(List.of("log", "sms"), SUPPRESSION_WINDOW, REDELIVERY_LOOKBACK,
        Optional.of(sms), hook, FixCommands.defaults());
    return AlertSenders.from(settings, history, clockOf(now), new HttpDelivery(3, Duration.ofMillis(10)));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static Clock clockOf(Supplier<Instant> now) {
    return new Clock() {
      @Override
      public Instant instant() {
        return now.get();
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }
    };
  }
}
