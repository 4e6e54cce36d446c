package org.kafkaetl.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertHistory;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.AlertSettings;
import org.kafkaetl.core.config.Password;

/**
 * Suppression, what counts as sent, severity routing, templates, retries, failed recipients and
 * secrecy against a real local HTTP server.
 */
class AlertDispatcherTest {
  private static final Alert INCOMPLETE = new Alert(Severity.CRITICAL, "incomplete:t:2026112103",
      "topic t hour 2026112103: 2 range(s) incomplete", "  t-0[0-10) reached 3: \"max pull time\"",
      List.of("hadoop jar kafka-etl-job.jar rerun --topic t --partition 0,1 --hour 2026112103"));

  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  /** The gateway answers 400 (final, not retried) for a body naming this recipient. */
  private final AtomicReference<String> refusedRecipient = new AtomicReference<>("no-such-recipient");
  private final List<String> hookBodies = new CopyOnWriteArrayList<>();
  private final MemoryHistory history = new MemoryHistory();
  private Instant now = Instant.parse("2026-11-21T03:06:00Z");

  @BeforeEach
  void startGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/sms", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      int status = bodies.get(bodies.size() - 1).contains(refusedRecipient.get()) ? 400
          : failuresLeft.getAndDecrement() > 0 ? 503 : 200;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.createContext("/hook", exchange -> {
      hookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopGateway() {
    server.stop(0);
  }

  @Test
  void oneMessagePerRecipientWithTheFixCommandAndTheTokenOnlyInTheHeader() {
    dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL)).send(INCOMPLETE);
    assertThat(bodies).hasSize(2);
    assertThat(bodies.get(0)).startsWith("{\"to\":\"+8613800000001\",\"message\":\"[CRITICAL] topic t hour 2026112103")
        .contains("| fix: hadoop jar kafka-etl-job.jar rerun --topic t --partition 0,1 --hour 2026112103")
        .doesNotContain("s3cret-token");
    assertThat(authorizations).containsOnly("Bearer s3cret-token");
    assertThat(history.rows).singleElement().satisfies(r -> assertThat(r).isEqualTo("sent log,sms " + INCOMPLETE.key()));
  }

  @Test
  void aResolvedIncidentIsToldOverOnTheChannelsThatCarriedItAndOnlyOnce() {
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL));
    Alert warning = new Alert(Severity.WARNING, "incomplete:t:2026112104:0", "a warning the SMS channel skips", "",
        List.of());
    dispatcher.send(INCOMPLETE);
    dispatcher.send(warning);
    assertThat(bodies).hasSize(2);

    dispatcher.resolve("incomplete:t:2026112103", "topic t hour 2026112103: every range complete");

    assertThat(bodies).hasSize(4);
    assertThat(bodies.get(2)).contains("RESOLVED: topic t hour 2026112103: every range complete");
    assertThat(history.rows).containsExactly("sent log,sms " + INCOMPLETE.key(), "sent log " + warning.key(),
        "resolved log,sms " + INCOMPLETE.key());
    dispatcher.resolve("incomplete:t:2026112103", "again");
    dispatcher.resolve("incomplete:never-sent", "nothing was sent");
    assertThat(bodies).as("resolved once; nothing for incidents never sent").hasSize(4);

    now = now.plus(Duration.ofMinutes(5));
    dispatcher.send(INCOMPLETE);
    assertThat(bodies).as("after its resolution the same key is a new incident, not a repeat").hasSize(6);
  }

  @Test
  void theSameIncidentWithinTheWindowIsStoredButNotSentAgain() {
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL));
    dispatcher.send(INCOMPLETE);
    now = now.plus(Duration.ofMinutes(59));
    dispatcher.send(INCOMPLETE);
    assertThat(bodies).hasSize(2);
    now = now.plus(Duration.ofMinutes(2));
    dispatcher.send(INCOMPLETE);
    assertThat(bodies).hasSize(4);
    assertThat(history.rows).containsExactly("sent log,sms " + INCOMPLETE.key(), "suppressed  " + INCOMPLETE.key(),
        "sent log,sms " + INCOMPLETE.key());
  }

  @Test
  void smsCarriesOnlySevereEnoughAlerts() {
    dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL))
        .send(new Alert(Severity.WARNING, "plan:x", "partitions need a decision", "", List.of()));
    assertThat(bodies).isEmpty();
    assertThat(history.rows).containsExactly("sent log plan:x");
  }

  @Test
  void anAlertNoPagingChannelDeliveredIsSentAgainWhenItRecurs() {
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL));
    failuresLeft.set(1000);
    dispatcher.send(INCOMPLETE); // every attempt answered 503: nobody's phone got it
    int failedAttempts = bodies.size();
    failuresLeft.set(0);
    now = now.plus(Duration.ofMinutes(10));
    dispatcher.send(INCOMPLETE);
    assertThat(bodies).as("the repeat reaches the phones").hasSize(failedAttempts + 2);
    assertThat(history.rows).containsExactly("undelivered log " + INCOMPLETE.key() + " failed:sms",
        "sent log,sms " + INCOMPLETE.key());

    now = now.plus(Duration.ofMinutes(10));
    dispatcher.send(INCOMPLETE);
    assertThat(bodies).as("once delivered, repeats within the window are suppressed").hasSize(failedAttempts + 2);
  }

  @Test
  void aRecipientTheGatewayRefusesDoesNotKeepTheTextFromTheOthers() {
    refusedRecipient.set("+8613800000001");
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL));
    dispatcher.send(INCOMPLETE);
    assertThat(bodies).as("400 is final: one request each").hasSize(2);
    assertThat(bodies.get(1)).startsWith("{\"to\":\"+8613800000002\"");
    assertThat(history.rows).as("reached someone: sent, and the failure kept")
        .containsExactly("sent log,sms " + INCOMPLETE.key() + " failed:sms");

    now = now.plus(Duration.ofMinutes(10));
    dispatcher.send(INCOMPLETE);
    assertThat(bodies).as("a partial delivery counts as sent: the repeat is suppressed").hasSize(2);
  }

  @Test
  void aFailedRecipientIsNamedByItsPlaceNotItsNumber() {
    SmsGatewaySender sender = new SmsGatewaySender(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL),
        new HttpDelivery(3, Duration.ofMillis(10)));
    refusedRecipient.set("+8613800000001");
    assertThatThrownBy(() -> sender.deliver(INCOMPLETE)).isInstanceOf(PartialDeliveryException.class)
        .hasMessageContaining("reached 1 of 2 recipients; not reached: recipient 1 of alerts.sms.recipients (")
        .hasMessageContaining("answered HTTP 400")
        .hasMessageNotContaining("8613800000001").hasMessageNotContaining("s3cret-token");

    refusedRecipient.set("+86138");
    assertThatThrownBy(() -> sender.deliver(INCOMPLETE)).isInstanceOf(HttpDelivery.DeliveryException.class)
        .hasMessageContaining("no recipient reached")
        .hasMessageContaining("recipient 1 of alerts.sms.recipients")
        .hasMessageContaining("recipient 2 of alerts.sms.recipients");
  }

  @Test
  void aPageTheWebhookDeliveredCountsAsSentThoughTheSmsFailed() {
    failuresLeft.set(1000);
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL), true);
    dispatcher.send(INCOMPLETE);
    assertThat(hookBodies).hasSize(1);
    assertThat(history.rows).containsExactly("sent log,webhook " + INCOMPLETE.key() + " failed:sms");

    int attempts = bodies.size();
    now = now.plus(Duration.ofMinutes(10));
    dispatcher.send(INCOMPLETE);
    assertThat(bodies).hasSize(attempts);
    assertThat(hookBodies).as("someone was paged: the repeat is suppressed").hasSize(1);
  }

  @Test
  void anAlertOnlyTheLogWantsCountsAsSent() {
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL));
    Alert warning = new Alert(Severity.WARNING, "plan:x", "partitions need a decision", "", List.of());
    dispatcher.send(warning);
    now = now.plus(Duration.ofMinutes(10));
    dispatcher.send(warning);
    assertThat(history.rows).containsExactly("sent log plan:x", "suppressed  plan:x");
  }

  @Test
  void anIncidentOnlyTheLogCarriedIsResolvedInTheLog() {
    failuresLeft.set(1000);
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL));
    dispatcher.send(INCOMPLETE);
    int attempts = bodies.size();
    dispatcher.resolve("incomplete:t:2026112103", "every range complete");
    assertThat(bodies).as("no SMS says RESOLVED about a page no phone got").hasSize(attempts);
    assertThat(history.rows).last().isEqualTo("resolved log " + INCOMPLETE.key());
  }

  @Test
  void aGatewayThatFailsTwiceIsRetriedAndOneThatNeverAnswersDoesNotThrow() {
    failuresLeft.set(2);
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.FORM, Severity.INFO));
    dispatcher.send(INCOMPLETE);
    assertThat(bodies).hasSize(4).as("2 failed attempts, then both recipients");
    assertThat(bodies.get(3)).startsWith("to=%2B8613800000002&text=%5BCRITICAL%5D+topic+t");

    server.stop(0);
    now = now.plus(Duration.ofHours(2));
    dispatcher.send(INCOMPLETE);
    assertThat(history.rows.get(history.rows.size() - 1)).isEqualTo("undelivered log " + INCOMPLETE.key() + " failed:sms");
  }

  @Test
  void settingsNeverPrintTheToken() {
    assertThat(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL).toString()).doesNotContain("s3cret-token");
  }

  private AlertDispatcher dispatcher(AlertSettings.Sms sms) {
    return dispatcher(sms, false);
  }

  private AlertDispatcher dispatcher(AlertSettings.Sms sms, boolean webhook) {
    Optional<AlertSettings.Webhook> hook = webhook ? Optional.of(new AlertSettings.Webhook(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", new Password(""))) : Optional.empty();
    AlertSettings settings = new AlertSettings(List.of("log", "sms"), Duration.ofHours(1), Optional.of(sms),
        hook, org.kafkaetl.core.alert.FixCommands.defaults());
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        return now;
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    return (AlertDispatcher) AlertSenders.from(settings, history, clock, new HttpDelivery(3, Duration.ofMillis(10)));
  }

  private AlertSettings.Sms sms(AlertSettings.BodyFormat format, Severity min) {
    String template = format == AlertSettings.BodyFormat.JSON
        ? "{\"to\":\"${recipient}\",\"message\":\"${text}\"}" : "to=${recipient}&text=${text}";
    return new AlertSettings.Sms("http://127.0.0.1:" + server.getAddress().getPort() + "/sms", "POST",
        List.of("+8613800000001", "+8613800000002"), template, format, new Password("s3cret-token"), min);
  }

  /** History as lines "outcome channels key[ failed:channels]". */
  private static final class MemoryHistory implements AlertHistory {
    final List<String> rows = new ArrayList<>();
    /** Per key, the channels of each send since its last resolution (present = open incident). */
    final java.util.Map<String, java.util.Set<String>> open = new java.util.LinkedHashMap<>();
    final java.util.Map<String, Instant> lastSent = new java.util.HashMap<>();

    @Override
    public Optional<Instant> lastSent(String key) {
      return Optional.ofNullable(lastSent.get(key));
    }

    @Override
    public void record(Alert alert, Instant at, Outcome outcome, List<String> delivered, List<String> failed) {
      rows.add(outcome.name().toLowerCase(java.util.Locale.ROOT) + " " + String.join(",", delivered) + " " + alert.key()
          + (failed.isEmpty() ? "" : " failed:" + String.join(",", failed)));
      if (outcome == Outcome.SENT) {
        lastSent.put(alert.key(), at);
      }
      if (outcome != Outcome.SUPPRESSED) {
        open.computeIfAbsent(alert.key(), k -> new java.util.TreeSet<>()).addAll(delivered);
      }
    }

    @Override
    public List<OpenIncident> openIncidents(String keyPrefix) {
      return open.entrySet().stream().filter(e -> e.getKey().startsWith(keyPrefix) && !e.getValue().isEmpty())
          .map(e -> new OpenIncident(e.getKey(), e.getValue())).toList();
    }

    @Override
    public void recordResolution(String key, String summary, Instant at, List<String> channels) {
      rows.add("resolved " + String.join(",", channels) + " " + key);
      open.remove(key);
      lastSent.remove(key);
    }
  }
}
