package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.apache.hadoop.fs.FileSystem;
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
  void aRerunWhoseJobFailsKeepsTheEarlierReadInPlace() throws IOException {
    Path hourDir = root.resolve("work").resolve(HOUR.toString());
    land(hourDir, 4, 1, "no progress for 60 s");
    Map<String, String> before = contents(hourDir);

    EtlJobRunner.JobOutcome outcome = rerunWithoutCluster(() -> {});

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.keptEarlier()).containsOnlyKeys(EVENT);
    assertThat(outcome.keptEarlier().get(EVENT)).contains("committed nothing");
    assertThat(contents(hourDir)).as("report, data and error file, byte for byte").isEqualTo(before);
    RangeOutcome range = CoverageCheck.of(config()).check(List.of(EVENT), outcome.reports()).get(0);
    assertThat(range.state()).isEqualTo(RangeState.INCOMPLETE);
    assertThat(range.reached()).as("what the earlier read reached").isEqualTo(4);
    assertThat(range.records()).isEqualTo(3);
  }

  @Test
  void aRerunThatNoLongerOwnsTheHourLeavesTheEarlierReadAsideForWhoeverTookItOver() throws IOException {
    Path hourDir = root.resolve("work").resolve(HOUR.toString());
    land(hourDir, 4, 1, "no progress for 60 s");
    Map<String, String> before = contents(hourDir);
    assertThatThrownBy(() -> rerunWithoutCluster(() -> {
      throw new IllegalStateException("lock lost");
    })).hasMessage("lock lost");
    assertThat(hourDir.resolve(WorkLayout.EARLIER_DIR).resolve("run-7").resolve(WorkLayout.reportFile(EVENT)))
        .as("not moved back by a run that may race the one that took over").exists();

    new EtlJobRunner(new Configuration(), config(), Map.of()).recoverEarlierReads(HOUR);
    assertThat(contents(hourDir)).isEqualTo(before);
  }

  @Test
  void aRerunMovesAnEarlierReadWhoseFilesAreNotTheOnesItsReportDescribesToJunk() throws IOException {
    Path hourDir = root.resolve("work").resolve(HOUR.toString());
    land(hourDir, 4, 1, "no progress for 60 s");
    Files.write(hourDir.resolve(DATA_FILE), new byte[] {1, 2, 3}); // a commit cut short
    Map<String, String> before = contents(hourDir);

    EtlJobRunner.JobOutcome outcome = rerunWithoutCluster(() -> {});

    assertThat(outcome.keptEarlier()).isEmpty();
    assertThat(hourDir.resolve(WorkLayout.reportFile(EVENT))).doesNotExist();
    assertThat(hourDir.resolve(DATA_FILE)).doesNotExist();
    assertThat(hourDir.resolve(WorkLayout.errorFile(EVENT))).doesNotExist();
    Path junk = hourDir.resolve(WorkLayout.JUNK_DIR).resolve("run-7.not-intact");
    assertThat(contents(junk)).as("its files may hold good records: kept in the hour's junk, byte for byte")
        .isEqualTo(before);
    assertThat(outcome.leftForAPerson().junked()).containsOnlyKeys(EVENT);
    assertThat(outcome.leftForAPerson().junked().get(EVENT)).contains("not the ones its report describes",
        junk.toString());
    assertThat(CommittedOutput.read(FileSystem.getLocal(new Configuration()).getRaw(),
        new org.apache.hadoop.fs.Path(hourDir.toUri()), List.of(EVENT)).reports())
        .as("junk is not taken for a read of the range").isEmpty();
  }

  @Test
  void whatADeadRerunSetAsideGoesBackUnlessTheHourNowHoldsAReadThatKeepsItAll() throws IOException {
    Path hourDir = root.resolve("work").resolve(HOUR.toString());
    Path aside = hourDir.resolve(WorkLayout.EARLIER_DIR).resolve("run-5");
    land(aside, 4, 1, "no progress for 60 s");
    land(hourDir, 2, 0, "no progress for 60 s"); // the dead rerun's own read got less far
    Map<String, String> earlier = contents(aside);
    EtlJobRunner runner = new EtlJobRunner(new Configuration(), config(), Map.of());

    assertThat(runner.recoverEarlierReads(HOUR).isEmpty()).isTrue();
    assertThat(contents(hourDir)).as("the earlier read, back in place").isEqualTo(earlier);

    land(hourDir, 10, 1, null); // this time the dead rerun's read went to the end
    Map<String, String> later = contents(hourDir);
    land(aside, 4, 1, "no progress for 60 s");
    assertThat(runner.recoverEarlierReads(HOUR).isEmpty()).isTrue();
    assertThat(contents(hourDir)).isEqualTo(later);
  }

  @Test
  void aDeadRerunsReadsWithAnUnreadableReportAreLeftForAPersonUnderANameThatSaysSo() throws IOException {
    Path hourDir = root.resolve("work").resolve(HOUR.toString());
    Path aside = hourDir.resolve(WorkLayout.EARLIER_DIR).resolve("run-5");
    land(aside, 4, 1, "no progress for 60 s");
    Files.write(aside.resolve(WorkLayout.reportFile(EVENT)), "{\"cut short".getBytes(StandardCharsets.UTF_8));
    Map<String, String> earlier = contents(aside);
    EtlJobRunner runner = new EtlJobRunner(new Configuration(), config(), Map.of());

    ReadsLeftForAPerson left = runner.recoverEarlierReads(HOUR);

    Path leftDir = hourDir.resolve(WorkLayout.EARLIER_DIR).resolve("run-5" + WorkLayout.UNREADABLE_SUFFIX);
    assertThat(contents(leftDir)).as("neither put back nor removed").isEqualTo(earlier);
    assertThat(left.unreadable().entrySet()).as("reported, so the run alerts").singleElement().satisfies(e -> {
      assertThat(e.getKey()).endsWith(leftDir.toString());
      assertThat(e.getValue()).containsExactly(WorkLayout.baseName(EVENT) + ".json");
    });
    assertThat(runner.recoverEarlierReads(HOUR).unreadable()).as("and again by every later recovery of the hour")
        .hasSize(1);
  }

  /** Rerun 7 of the event, resuming, whose job cannot be submitted. */
  private EtlJobRunner.JobOutcome rerunWithoutCluster(Runnable stillOwned) {
    return new EtlJobRunner(noCluster(), config(), Map.of())
        .rerun(HOUR, 7, List.of(new MapperAssignment(List.of(EVENT), 10)), false, job -> {}, stillOwned,
            IncarnationCheck.NONE);
  }

  /** No MapReduce framework by that name: a job cannot be submitted, so nothing new is written. */
  private static Configuration noCluster() {
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "no-such-framework");
    return conf;
  }

  /** Every file under dir by relative path, with its bytes (Base64, so maps compare by content). */
  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> files = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
        files.put(dir.relativize(p).toString(), java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
      }
    }
    return files;
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
        HOUR, relative -> create(dir, relative), ZoneOffset.UTC, CodecFactory.nullCodec(), 32);
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
