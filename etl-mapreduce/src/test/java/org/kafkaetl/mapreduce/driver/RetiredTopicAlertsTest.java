package org.kafkaetl.mapreduce.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.slf4j.LoggerFactory;

class RetiredTopicAlertsTest {
  /** clicks is listed, logs.* matched; old (taken out of etl.topics) and logs.debug (excluded) are no longer selected. */
  private static final EtlConfig CONFIG = EtlConfig.parse(Map.of("kafka.bootstrap.servers", "k:9092",
      "db.url", "jdbc:mysql://db/etl", "db.user", "etl", "etl.topics", "clicks",
      "etl.topics.include", "logs\\..*", "etl.topics.exclude", "logs\\.debug",
      "alerts.fix.config", "/etc/etl.properties"));

  @Test
  void oneWarningPerTopicNoLongerSelectedThatStillHasIncompleteRangesWithTheCommandsThatLandThem() {
    List<RangeRecord> incomplete = List.of(incomplete("clicks", 0, "2026120701"), incomplete("logs.app", 0, "2026120701"),
        incomplete("old", 1, "2026120703"), incomplete("old", 0, "2026120703"), incomplete("old", 0, "2026120701"),
        incomplete("logs.debug", 2, "2026120705"));

    List<Alert> alerts = RetiredTopicAlerts.of(CONFIG, incomplete);

    assertThat(alerts).extracting(Alert::key).containsExactly("retired-topic-incomplete:logs.debug",
        "retired-topic-incomplete:old");
    Alert old = alerts.get(1);
    assertThat(old.severity()).isEqualTo(Severity.WARNING);
    assertThat(old.summary()).isEqualTo("topic old is no longer selected but has 3 range(s) not landed completely,"
        + " in hours 2026120701 to 2026120703");
    assertThat(old.details()).contains("add old back to etl.topics", "exit 2", "To give them up");
    assertThat(old.fixCommands()).containsExactly(
        "hadoop jar kafka-etl-job.jar rerun --topic old --partition 0 --hour 2026120701 --config /etc/etl.properties",
        "hadoop jar kafka-etl-job.jar rerun --topic old --partition 0,1 --hour 2026120703 --config /etc/etl.properties");
  }

  @Test
  void manyHoursListTheFirstCommandsAndSaySo() {
    List<RangeRecord> incomplete = new ArrayList<>();
    for (int h = 0; h < 8; h++) {
      incomplete.add(incomplete("old", 0, "202612070" + h));
    }

    Alert alert = RetiredTopicAlerts.of(CONFIG, incomplete).get(0);

    assertThat(alert.fixCommands()).hasSize(RetiredTopicAlerts.COMMANDS);
    assertThat(alert.details()).contains("the first 5 of the 8 hours");
    assertThat(RetiredTopicAlerts.of(CONFIG, List.of(incomplete("clicks", 0, "2026120701")))).as("every topic selected")
        .isEmpty();
  }

  @Test
  void theDatabaseFailingInTheCheckIsALoggedWarningAndTheRetryStillGetsItsRead() {
    RangeRecord old = incomplete("old", 0, "2026120701");
    List<Integer> reads = new ArrayList<>();
    OffsetStore store = (OffsetStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {OffsetStore.class}, (proxy, method, args) -> {
          if (!method.getName().equals("incompleteRanges")) {
            throw new UnsupportedOperationException(method.getName());
          }
          reads.add(reads.size() + 1);
          if (reads.size() == 1) {
            throw new RetriableException("cannot read incomplete ranges: connection reset",
                new SQLException("reset", "08S01"));
          }
          return List.of(old);
        });
    IncompleteRanges incomplete = new IncompleteRanges(store, CONFIG.timeZone());
    List<Alert> sent = new ArrayList<>();
    Logger logger = (Logger) LoggerFactory.getLogger(RetiredTopicAlerts.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try {
      assertThatCode(() -> RetiredTopicAlerts.send(CONFIG, incomplete, sent::add)).as("the run goes on")
          .doesNotThrowAnyException();
    } finally {
      logger.detachAppender(log);
    }

    assertThat(sent).isEmpty();
    assertThat(log.list).as("not silent").singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).contains("not checked for incomplete ranges", "connection reset");
    });
    assertThat(incomplete.all()).as("the retry reads again: the failed read is not kept").containsExactly(old);
    assertThat(reads).hasSize(2);
  }

  private static RangeRecord incomplete(String topic, int partition, String hour) {
    return new RangeRecord(1, HourPartition.parse(hour), new KafkaEvent(TopicPartition.of(topic, partition),
        new OffsetRange(100, 120)), RangeState.INCOMPLETE, 110, 10, 0, "no progress", 1, 0, "id-a");
  }
}
