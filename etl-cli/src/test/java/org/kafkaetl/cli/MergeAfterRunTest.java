package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.merge.DailyMerge.MergeResult;

/** What a run's automatic merge does when another merge of the same topic holds the lock. */
class MergeAfterRunTest {
  private static final HourPartition HOUR = new HourPartition(LocalDateTime.of(2026, 11, 21, 3, 0));
  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final MergeResult LOCKED =
      new MergeResult(ExitCode.LOCKED, "another merge of clicks holds the lock; this one did nothing", List.of());
  /** One partition appended to (the outcome's content does not matter here). */
  private static final MergeResult MERGED =
      new MergeResult(ExitCode.OK, "merge clicks 2026-11-21: merged", java.util.Collections.nCopies(1, null));
  /** The date was merged already: no partition had anything to append. */
  private static final MergeResult NOTHING_TO_MERGE = new MergeResult(ExitCode.OK,
      "merge clicks 2026-11-21: 0 hourly files, 0 records, 0 bytes into 0 partition(s)", List.of());

  @TempDir
  Path dir;

  private EtlConfig config;
  private FileSystem fs;
  private final List<Alert> alerts = new ArrayList<>();
  private final List<Duration> pauses = new ArrayList<>();

  @BeforeEach
  void landedOneDate() throws Exception {
    config = EtlConfig.parse(Map.of(
        "kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:mysql://db/etl", "db.user", "etl",
        "etl.topics", "clicks", "etl.work.root", dir.resolve("work").toString(),
        "etl.warehouse.root", dir.resolve("warehouse").toString()));
    Files.createDirectories(dir.resolve("work").resolve(HOUR.toString()).resolve("clicks").resolve(DAY.toString()));
    fs = new RawLocalFileSystem();
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
  }

  @Test
  void aMergeFindingTheLockTakenWaitsABoundedTimeThenWarnsWithTheMergeCommand() {
    List<String> attempts = new ArrayList<>();
    MergeAfterRun mergeAfterRun = new MergeAfterRun(config, fs, (topic, date) -> {
      attempts.add(topic + " " + date);
      return LOCKED;
    }, alerts::add, new MergeAfterRun.LockWait(Duration.ofMinutes(2), Duration.ofSeconds(30), pauses::add));

    MergeAfterRun.Outcome outcome = mergeAfterRun.mergeHours(List.of(HOUR));

    assertThat(attempts).as("tried again while waiting").hasSize(5).containsOnly("clicks 2026-11-21");
    assertThat(pauses).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30),
        Duration.ofSeconds(30));
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo(Severity.WARNING);
      assertThat(a.key()).isEqualTo("merge-locked:clicks:2026-11-21");
      assertThat(a.summary()).contains("clicks").contains("2026-11-21").contains("not merged");
      assertThat(a.fixCommands()).containsExactly("hadoop jar kafka-etl-job.jar merge --topic clicks --date 2026-11-21");
    });
    assertThat(outcome.messages()).singleElement().asString().contains("not merged")
        .contains("hadoop jar kafka-etl-job.jar merge --topic clicks --date 2026-11-21");
  }

  @Test
  void aMergeWhoseLockIsFreedWhileWaitingMergesAndSendsNothing() {
    List<MergeResult> results = new ArrayList<>(List.of(LOCKED, LOCKED, MERGED));
    MergeAfterRun mergeAfterRun = new MergeAfterRun(config, fs, (topic, date) -> results.remove(0), alerts::add,
        new MergeAfterRun.LockWait(Duration.ofMinutes(5), Duration.ofSeconds(15), pauses::add));

    MergeAfterRun.Outcome outcome = mergeAfterRun.mergeHours(List.of(HOUR));

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(outcome.messages()).containsExactly("merge clicks 2026-11-21: merged");
    assertThat(pauses).hasSize(2);
    assertThat(alerts).isEmpty();
  }

  @Test
  void aTopicWaitsForItsLockOnceNotOncePerDate() throws Exception {
    Files.createDirectories(dir.resolve("work").resolve(HOUR.toString()).resolve("clicks").resolve("2026-11-20"));
    List<String> attempts = new ArrayList<>();
    MergeAfterRun mergeAfterRun = new MergeAfterRun(config, fs, (topic, date) -> {
      attempts.add(topic + " " + date);
      return LOCKED;
    }, alerts::add, new MergeAfterRun.LockWait(Duration.ofMinutes(1), Duration.ofSeconds(30), pauses::add));

    mergeAfterRun.mergeHours(List.of(HOUR));

    assertThat(attempts).containsExactly("clicks 2026-11-20", "clicks 2026-11-20", "clicks 2026-11-20",
        "clicks 2026-11-21");
    assertThat(alerts).extracting(Alert::key).containsExactly("merge-locked:clicks:2026-11-20", "merge-locked:clicks:2026-11-21");
  }

  @Test
  void aDateWithNothingLeftToMergePrintsNoLine() {
    MergeAfterRun mergeAfterRun = new MergeAfterRun(config, fs, (topic, date) -> NOTHING_TO_MERGE, alerts::add,
        new MergeAfterRun.LockWait(Duration.ofMinutes(5), Duration.ofSeconds(15), pauses::add));

    MergeAfterRun.Outcome outcome = mergeAfterRun.mergeHours(List.of(HOUR));

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(outcome.messages()).isEmpty();
  }
}
