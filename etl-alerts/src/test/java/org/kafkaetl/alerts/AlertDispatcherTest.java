package org.kafkaetl.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.AlertSettings;

/**
 * Suppression, what counts as sent, severity routing, templates, retries, failed recipients and
 * secrecy against a real local HTTP server.
 */
class AlertDispatcherTest {
  private static final Alert INCOMPLETE = new Alert(Severity.CRITICAL, "incomplete:t:2026112103",
      "topic t hour 2026112103: 2 range(s) incomplete", "  t-0[0-10) reached 3: \"max pull time\"",
      List.of("hadoop jar kafka-etl-job.jar rerun --topic t --partition 0,1 --hour 2026112103"));

  private final MemoryAlertHistory history = new MemoryAlertHistory();
  private Instant now = Instant.parse("2026-11-21T03:06:00Z");
  private GatewayStandIn gateway;

  @BeforeEach
  void startGateway() throws IOException {
    gateway = GatewayStandIn.start();
  }

  @AfterEach
  void stopGateway() {
    gateway.close();
  }

  @Test
  void oneMessagePerRecipientWithTheFixCommandAndTheTokenOnlyInTheHeader() {
    dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL)).send(INCOMPLETE);
    assertThat(gateway.bodies).hasSize(2);
    assertThat(gateway.bodies.get(0)).startsWith("{\"to\":\"+8613800000001\",\"message\":\"[CRITICAL] topic t hour 2026112103")
        .contains("| fix: hadoop jar kafka-etl-job.jar rerun --topic t --partition 0,1 --hour 2026112103")
        .doesNotContain("s3cret-token");
    assertThat(gateway.authorizations).containsOnly("Bearer s3cret-token");
    assertThat(history.rows).singleElement().satisfies(r -> assertThat(r).isEqualTo("sent log,sms " + INCOMPLETE.key()));
  }

  @Test
  void aResolvedIncidentIsToldOverOnTheChannelsThatCarriedItAndOnlyOnce() {
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL));
    Alert warning = new Alert(Severity.WARNING, "incomplete:t:2026112104:0", "a warning the SMS channel skips", "",
        List.of());
    dispatcher.send(INCOMPLETE);
    dispatcher.send(warning);
    assertThat(gateway.bodies).hasSize(2);

    dispatcher.resolve("incomplete:t:2026112103", "topic t hour 2026112103: every range complete");

    assertThat(gateway.bodies).hasSize(4);
    assertThat(gateway.bodies.get(2)).contains("RESOLVED: topic t hour 2026112103: every range complete");
    assertThat(history.rows).containsExactly("sent log,sms " + INCOMPLETE.key(), "sent log " + warning.key(),
        "resolved log,sms " + INCOMPLETE.key());
    dispatcher.resolve("incomplete:t:2026112103", "again");
    dispatcher.resolve("incomplete:never-sent", "nothing was sent");
    assertThat(gateway.bodies).as("resolved once; nothing for incidents never sent").hasSize(4);

    now = now.plus(Duration.ofMinutes(5));
    dispatcher.send(INCOMPLETE);
    assertThat(gateway.bodies).as("after its resolution the same key is a new incident, not a repeat").hasSize(6);
  }

  @Test
  void theSameIncidentWithinTheWindowIsStoredButNotSentAgain() {
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL));
    dispatcher.send(INCOMPLETE);
    now = now.plus(Duration.ofMinutes(59));
    dispatcher.send(INCOMPLETE);
    assertThat(gateway.bodies).hasSize(2);
    now = now.plus(Duration.ofMinutes(2));
    dispatcher.send(INCOMPLETE);
    assertThat(gateway.bodies).hasSize(4);
    assertThat(history.rows).containsExactly("sent log,sms " + INCOMPLETE.key(), "suppressed  " + INCOMPLETE.key(),
        "sent log,sms " + INCOMPLETE.key());
  }

  @Test
  void smsCarriesOnlySevereEnoughAlerts() {
    dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL))
        .send(new Alert(Severity.WARNING, "plan:x", "partitions need a decision", "", List.of()));
    assertThat(gateway.bodies).isEmpty();
    assertThat(history.rows).containsExactly("sent log plan:x");
  }

  @Test
  void anAlertNoPagingChannelDeliveredIsSentAgainWhenItRecurs() {
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL));
    gateway.failuresLeft.set(1000);
    dispatcher.send(INCOMPLETE); // every attempt answered 503: nobody's phone got it
    int failedAttempts = gateway.bodies.size();
    gateway.failuresLeft.set(0);
    now = now.plus(Duration.ofMinutes(10));
    dispatcher.send(INCOMPLETE);
    assertThat(gateway.bodies).as("the repeat reaches the phones").hasSize(failedAttempts + 2);
    assertThat(history.rows).containsExactly("undelivered log " + INCOMPLETE.key() + " failed:sms",
        "sent log,sms " + INCOMPLETE.key());

    now = now.plus(Duration.ofMinutes(10));
    dispatcher.send(INCOMPLETE);
    assertThat(gateway.bodies).as("once delivered, repeats within the window are suppressed").hasSize(failedAttempts + 2);
  }

  @Test
  void aRecipientTheGatewayRefusesDoesNotKeepTheTextFromTheOthers() {
    gateway.refusedRecipient.set("+8613800000001");
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL));
    dispatcher.send(INCOMPLETE);
    assertThat(gateway.bodies).as("400 is final: one request each").hasSize(2);
    assertThat(gateway.bodies.get(1)).startsWith("{\"to\":\"+8613800000002\"");
    assertThat(history.rows).as("reached someone: sent, and the failure kept")
        .containsExactly("sent log,sms " + INCOMPLETE.key() + " failed:sms");

    now = now.plus(Duration.ofMinutes(10));
    dispatcher.send(INCOMPLETE);
    assertThat(gateway.bodies).as("a partial delivery counts as sent: the repeat is suppressed").hasSize(2);
  }

  @Test
  void aFailedRecipientIsNamedByItsPlaceNotItsNumber() {
    SmsGatewaySender sender = new SmsGatewaySender(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL),
        new HttpDelivery(3, Duration.ofMillis(10)));
    gateway.refusedRecipient.set("+8613800000001");
    assertThatThrownBy(() -> sender.deliver(INCOMPLETE)).isInstanceOf(PartialDeliveryException.class)
        .hasMessageContaining("reached 1 of 2 recipients; not reached: recipient 1 of alerts.sms.recipients (")
        .hasMessageContaining("answered HTTP 400")
        .hasMessageNotContaining("8613800000001").hasMessageNotContaining("s3cret-token");

    gateway.refusedRecipient.set("+86138");
    assertThatThrownBy(() -> sender.deliver(INCOMPLETE)).isInstanceOf(HttpDelivery.DeliveryException.class)
        .hasMessageContaining("no recipient reached")
        .hasMessageContaining("recipient 1 of alerts.sms.recipients")
        .hasMessageContaining("recipient 2 of alerts.sms.recipients");
  }

  @Test
  void aPageTheWebhookDeliveredCountsAsSentThoughTheSmsFailed() {
    gateway.failuresLeft.set(1000);
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL), true);
    dispatcher.send(INCOMPLETE);
    assertThat(gateway.hookBodies).hasSize(1);
    assertThat(history.rows).containsExactly("sent log,webhook " + INCOMPLETE.key() + " failed:sms");

    int attempts = gateway.bodies.size();
    now = now.plus(Duration.ofMinutes(10));
    dispatcher.send(INCOMPLETE);
    assertThat(gateway.bodies).hasSize(attempts);
    assertThat(gateway.hookBodies).as("someone was paged: the repeat is suppressed").hasSize(1);
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
    gateway.failuresLeft.set(1000);
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL));
    dispatcher.send(INCOMPLETE);
    int attempts = gateway.bodies.size();
    dispatcher.resolve("incomplete:t:2026112103", "every range complete");
    assertThat(gateway.bodies).as("no SMS says RESOLVED about a page no phone got").hasSize(attempts);
    assertThat(history.rows).last().isEqualTo("resolved log " + INCOMPLETE.key());
  }

  @Test
  void aGatewayThatFailsTwiceIsRetriedAndOneThatNeverAnswersDoesNotThrow() {
    gateway.failuresLeft.set(2);
    AlertDispatcher dispatcher = dispatcher(sms(AlertSettings.BodyFormat.FORM, Severity.INFO));
    dispatcher.send(INCOMPLETE);
    assertThat(gateway.bodies).hasSize(4).as("2 failed attempts, then both recipients");
    assertThat(gateway.bodies.get(3)).startsWith("to=%2B8613800000002&text=%5BCRITICAL%5D+topic+t");

    gateway.close();
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
    return gateway.dispatcher(sms, webhook, history, () -> now);
  }

  private AlertSettings.Sms sms(AlertSettings.BodyFormat format, Severity min) {
    return gateway.sms(format, min);
  }
}
