package org.kafkaetl.hive;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.merge.MergedDayListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishing as the merge and the commands use it: each merged day, the days still waiting, and the alert
 * for a day that waited too long (or at once, for a day the metastore refused). Never throws: a day that cannot be published, even in the database, is
 * logged and alerted, and the register command (or the next pass) makes it.
 */
public final class HivePublishing implements MergedDayListener {
  private static final Logger LOG = LoggerFactory.getLogger(HivePublishing.class);

  private final DayPublisher publisher;
  private final PartitionRegistry registry;
  private final AlertSender alerts;
  private final FixCommands commands;
  private final Duration alertAfter;
  private final Clock clock;

  public HivePublishing(DayPublisher publisher, PartitionRegistry registry, AlertSender alerts, FixCommands commands,
      Duration alertAfter, Clock clock) {
    this.publisher = publisher;
    this.registry = registry;
    this.alerts = alerts;
    this.commands = commands;
    this.alertAfter = alertAfter;
    this.clock = clock;
  }

  @Override
  public void merged(String topic, LocalDate date) {
    publish(topic, date);
  }

  /** Publishes one merged day; the outcome, never an exception. */
  public DayPublisher.Outcome publish(String topic, LocalDate date) {
    return publish(topic, date, false);
  }

  /**
   * The register command: publishes one day after looking at the catalog itself, so it also mends a
   * partition or table changed there by hand (what the audit finds); the outcome, never an exception.
   */
  public DayPublisher.Outcome register(String topic, LocalDate date) {
    return publish(topic, date, true);
  }

  private DayPublisher.Outcome publish(String topic, LocalDate date, boolean askCatalog) {
    DayPublisher.Outcome outcome;
    try {
      outcome = publisher.publish(topic, date, askCatalog);
    } catch (RuntimeException e) {
      // whatever goes wrong here (the database too, a daily file Avro cannot read) must not fail the merge that
      // called: the day is in the warehouse, and the alert names the command that registers it
      outcome = new DayPublisher.Outcome(DayPublisher.Result.PENDING, e.getMessage());
      alerts.send(alert(topic, date, "could not be registered in the Hive Metastore nor kept for later: "
          + e.getMessage()));
    }
    switch (outcome.result()) {
      case REGISTERED -> {
        LOG.info("{} {}: partition registered in the Hive Metastore", topic, date);
        alerts.resolve(alertKey(topic, date), topic + " " + date + " is registered");
      }
      case PENDING -> LOG.warn("{} {}: partition not registered, kept for the next run: {}", topic, date,
          outcome.reason());
      // a refusal does not go away by waiting: tell someone now
      case REFUSED -> alerts.send(alert(topic, date, "is not registered in the Hive Metastore: " + outcome.reason()));
      case NOT_PUBLISHED, NOT_READY, UNCHANGED -> { }
    }
    return outcome;
  }

  /**
   * Tries every day still waiting, then alerts for each that has waited longer than
   * hive.pending.alert.after. Run after each run's merges and each merge command.
   *
   * @return the days still waiting
   */
  public List<PartitionRegistry.Pending> retryPending() {
    List<PartitionRegistry.Pending> waiting;
    try {
      registry.pending().forEach(p -> publish(p.topic(), p.day()));
      waiting = registry.pending();
    } catch (EtlException e) {
      LOG.warn("cannot read the days waiting to be registered in the Hive Metastore: {}", e.getMessage());
      return List.of();
    }
    waiting.stream()
        .filter(p -> Duration.between(p.since(), clock.instant()).compareTo(alertAfter) >= 0)
        .forEach(p -> alerts.send(alert(p.topic(), p.day(), "has waited since " + p.since()
            + " to be registered in the Hive Metastore as a partition of " + p.table() + ": " + p.reason())));
    return waiting;
  }

  private Alert alert(String topic, LocalDate date, String what) {
    return new Alert(Severity.WARNING, alertKey(topic, date), topic + " " + date + " " + what,
        "Readers and schedulers waiting for the partition do not see the day yet; the data is in the warehouse."
            + " Once the metastore takes calls again, the command below (or the next run) registers it.",
        List.of(commands.register(topic, date)));
  }

  private static String alertKey(String topic, LocalDate date) {
    return "hive-register:" + topic + ":" + date;
  }
}
