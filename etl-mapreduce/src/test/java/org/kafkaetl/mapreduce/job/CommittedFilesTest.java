package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.coverage.CoverageCheck;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.plan.MapperAssignment;
import org.kafkaetl.mapreduce.land.RangeLander;

/**
 * A report counts only for the files it describes: a data file of the right name left by an
 * earlier read of the range must neither be taken for the new read's nor survive a rerun.
 */
class CommittedFilesTest {
  private static final HourPartition HOUR = HourPartition.parse("2026112103");
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("logs", 0), new OffsetRange(0, 10));
  private static final long EVENT_TIME = Instant.parse("2026-11-21T03:10:00Z").toEpochMilli();
  private static final String DATA_FILE = WorkLayout.dataFile(EVENT, java.time.LocalDate.parse("2026-11-21"));

  @TempDir
  Path root;

  @Test
  void aReportBesideAnEarlierReadsDataFileOfTheSameNameIsIncompleteNamingTheFile() throws IOException {
    Path hourDir = root.resolve("work").resolve(HOUR.toString());
    land(hourDir, 4, 0, "no progress for 60 s");
    Path attemptDir = root.resolve("attempt");
    land(attemptDir, 10, 0, null);
    // The rerun's task commit moved its report (reports sort first) and was cut short before its data file.
    Files.copy(attemptDir.resolve(WorkLayout.reportFile(EVENT)), hourDir.resolve(WorkLayout.reportFile(EVENT)),
        StandardCopyOption.REPLACE_EXISTING);

    EtlJobRunner runner = new EtlJobRunner(new Configuration(), config(), Map.of());
    RangeOutcome outcome = CoverageCheck.of(config()).check(List.of(EVENT), runner.committedReports(HOUR, List.of(EVENT)))
        .get(0);

    assertThat(outcome.state()).as(outcome.toString()).isEqualTo(RangeState.INCOMPLETE);
    assertThat(outcome.detail()).contains(DATA_FILE, "bytes", String.valueOf(Files.size(hourDir.resolve(DATA_FILE))),
        String.valueOf(Files.size(attemptDir.resolve(DATA_FILE))));
  }

  @Test
  void aReportWhoseFilesMatchIsComplete() throws IOException {
    land(root.resolve("work").resolve(HOUR.toString()), 10, 1, null);
    EtlJobRunner runner = new EtlJobRunner(new Configuration(), config(), Map.of());
    RangeOutcome outcome = CoverageCheck.of(config()).check(List.of(EVENT), runner.committedReports(HOUR, List.of(EVENT)))
        .get(0);
    assertThat(outcome.state()).as(outcome.toString()).isEqualTo(RangeState.COMPLETE);
    assertThat(outcome.records()).isEqualTo(9);
  }

  @Test
  void aRerunRemovesTheEarlierReadsFilesBeforeItReads() throws IOException {
    Path hourDir = root.resolve("work").resolve(HOUR.toString());
    land(hourDir, 4, 1, "no progress for 60 s");
    assertThat(hourDir.resolve(DATA_FILE)).exists();
    assertThat(hourDir.resolve(WorkLayout.errorFile(EVENT))).exists();
    Configuration noCluster = new Configuration();
    // No MapReduce framework by that name: the job cannot be submitted, so nothing new is written.
    noCluster.set("mapreduce.framework.name", "no-such-framework");

    EtlJobRunner.JobOutcome outcome = new EtlJobRunner(noCluster, config(), Map.of())
        .rerun(HOUR, 7, List.of(new MapperAssignment(List.of(EVENT), 10)), job -> {});

    assertThat(outcome.succeeded()).isFalse();
    assertThat(hourDir.resolve(WorkLayout.reportFile(EVENT))).doesNotExist();
    assertThat(hourDir.resolve(DATA_FILE)).as("the earlier read's data file").doesNotExist();
    assertThat(hourDir.resolve(WorkLayout.errorFile(EVENT))).as("the earlier read's error file").doesNotExist();
  }

  private static final org.kafkaetl.core.config.TopicConfig LOGS = EtlConfig.parse(Map.of(
      "kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:mysql://db/etl", "db.user", "etl", "etl.topics", "logs",
      "topic.logs.max.decode.errors", "5")).topic("logs").orElseThrow();

  private EtlConfig config() {
    return EtlConfig.parse(Map.of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:mysql://db/etl", "db.user", "etl",
        "db.password", "secret", "etl.topics", "logs", "etl.timezone", "UTC", "topic.logs.max.decode.errors", "5",
        "etl.work.root", root.resolve("work").toUri().toString()));
  }

  /** Lands {@code records} messages of the event (the first {@code undecodable} of them undecodable) into dir. */
  private static void land(Path dir, int records, int undecodable, String stopReason) throws IOException {
    RangeLander lander = new RangeLander(topic -> new org.kafkaetl.mapreduce.land.EpochValueDecoder(), topic -> LOGS,
        HOUR, relative -> create(dir, relative), ZoneOffset.UTC, CodecFactory.nullCodec());
    lander.begin(EVENT);
    for (int offset = 0; offset < records; offset++) {
      String value = offset < undecodable ? "garbage" : String.valueOf(EVENT_TIME);
      lander.accept(new KafkaMessage("logs", 0, offset, EVENT_TIME, null, value.getBytes(StandardCharsets.UTF_8),
          List.of()));
    }
    lander.finish(records, stopReason, List.of());
  }

  private static OutputStream create(Path dir, String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.newOutputStream(file);
  }
}
