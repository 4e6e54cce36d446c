package org.kafkaetl.alerts;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Pages nobody received, sent again by later commands: incidents raised once never recur, so without
 * this a gateway down at the wrong moment leaves them untold for good. Each command builds its own
 * dispatcher over the one history, as the tool does.
 */
class RedeliveryTest {
  private static final Alert LOST = new Alert(Severity.CRITICAL, "lost:t:0:2026112103",
      "topic t partition 0: Kafka deleted offsets 100-200 before they were read", "retention ran out",
      List.of("hadoop jar kafka-etl-job.jar status --topic t --date 2026-11-21"));
  private static final Alert RECREATED = new Alert(Severity.CRITICAL, "topic-recreated:t",
      "topic t was deleted and created again", "", List.of());
  private static final Alert STOPPED = new Alert(Severity.CRITICAL, "run-stopped:42", "run 42 stopped", "", List.of());

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
  void aOneTimePageNobodyReceivedIsSentByTheNextCommandOnceTheGatewayWorksAndOnlyOnce() {
    gateway.failuresLeft.set(1000);
    command().send(LOST);
    assertThat(history.rows).containsExactly("undelivered log " + LOST.key() + " failed:sms");

    gateway.failuresLeft.set(0);
    gateway.bodies.clear();
    later(Duration.ofMinutes(50));
    command().redeliverUndelivered();

    assertThat(gateway.bodies).as("one text per recipient").hasSize(2);
    assertThat(gateway.bodies.get(0)).contains("[CRITICAL] DELAYED page, first raised 2026-11-21 03:06 UTC: topic t"
        + " partition 0: Kafka deleted offsets 100-200", "| fix: " + LOST.fixCommands().get(0));
    assertThat(history.rows).containsExactly("undelivered log " + LOST.key() + " failed:sms",
        "sent log,sms " + LOST.key());

    later(Duration.ofHours(1));
    command().redeliverUndelivered();
    assertThat(gateway.bodies).as("delivered once, owed no more").hasSize(2);
  }

  @Test
  void aPageFirstRaisedBeforeTheLookBackIsGivenUp() {
    gateway.failuresLeft.set(1000);
    AlertDispatcher first = command();
    first.send(LOST);
    later(GatewayStandIn.REDELIVERY_LOOKBACK.minusHours(1));
    first.send(RECREATED);

    gateway.failuresLeft.set(0);
    gateway.bodies.clear();
    later(Duration.ofHours(2));
    command().redeliverUndelivered();

    assertThat(gateway.bodies).as("only the page raised within the look-back").hasSize(2)
        .allSatisfy(b -> assertThat(b).contains(RECREATED.summary()));
    assertThat(history.rows).last().isEqualTo("sent log,sms " + RECREATED.key());
  }

  @Test
  void aPageWhoseKeyWasLaterSentOrResolvedIsNotSentAgain() {
    gateway.failuresLeft.set(1000);
    AlertDispatcher first = command();
    first.send(LOST);
    first.send(RECREATED);
    first.send(STOPPED);
    gateway.failuresLeft.set(0);
    later(Duration.ofMinutes(5));
    first.send(LOST); // it recurred and this time went out
    first.resolve(RECREATED.key(), "topic t is read from its new start");
    gateway.bodies.clear();

    later(Duration.ofMinutes(5));
    command().redeliverUndelivered();

    assertThat(gateway.bodies).as("only the page still owed").hasSize(2)
        .allSatisfy(b -> assertThat(b).contains("DELAYED page", STOPPED.summary()));
  }

  @Test
  void aResendThatFailsAgainIsLeftForTheNextCommandWithinTheLookBackOfItsFirstRaise() {
    gateway.failuresLeft.set(1000);
    command().send(STOPPED);

    later(Duration.ofHours(1));
    command().redeliverUndelivered();
    assertThat(history.rows).as("still down: owed again").containsExactly(
        "undelivered log " + STOPPED.key() + " failed:sms", "undelivered log " + STOPPED.key() + " failed:sms");

    gateway.failuresLeft.set(0);
    gateway.bodies.clear();
    later(Duration.ofHours(1));
    command().redeliverUndelivered();
    assertThat(gateway.bodies).hasSize(2)
        .allSatisfy(b -> assertThat(b).contains("DELAYED page, first raised 2026-11-21 03:06 UTC: run 42 stopped"));
    assertThat(history.rows).last().isEqualTo("sent log,sms " + STOPPED.key());
  }

  @Test
  void theLookBackCountsFromTheFirstRaiseNotTheLastAttempt() {
    gateway.failuresLeft.set(1000);
    command().send(STOPPED);
    later(GatewayStandIn.REDELIVERY_LOOKBACK.minusMinutes(10));
    command().redeliverUndelivered();
    assertThat(history.rows).hasSize(2);

    gateway.failuresLeft.set(0);
    gateway.bodies.clear();
    later(Duration.ofMinutes(20));
    command().redeliverUndelivered();
    assertThat(gateway.bodies).as("the last attempt was 20 minutes ago, the first raise over a day").isEmpty();
    assertThat(history.rows).hasSize(2);
  }

  @Test
  void aCommandStopsAtThePageTheGatewayStillRefusesAndTheNextTriesTheOthersFirst() {
    gateway.failuresLeft.set(1000);
    AlertDispatcher first = command();
    first.send(LOST);
    first.send(STOPPED);
    gateway.bodies.clear();

    later(Duration.ofMinutes(10));
    command().redeliverUndelivered();
    assertThat(history.rows).as("one attempt: the gateway is still down, each costs the retries' time")
        .endsWith("undelivered log " + STOPPED.key() + " failed:sms", "undelivered log " + LOST.key() + " failed:sms");

    gateway.failuresLeft.set(0);
    gateway.bodies.clear();
    later(Duration.ofMinutes(10));
    command().redeliverUndelivered();
    assertThat(gateway.bodies).as("the one not tried last time goes first").hasSize(4);
    assertThat(gateway.bodies.get(0)).contains(STOPPED.summary());
    assertThat(gateway.bodies.get(2)).contains(LOST.summary());
  }

  /** A new command: its own dispatcher, as the tool builds one per command, over the same history. */
  private AlertDispatcher command() {
    return gateway.dispatcher(gateway.sms(AlertSettings.BodyFormat.JSON, Severity.CRITICAL), false, history,
        () -> now);
  }

  private void later(Duration by) {
    now = now.plus(by);
  }
}
