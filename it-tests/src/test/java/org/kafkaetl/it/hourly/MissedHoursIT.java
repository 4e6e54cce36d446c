package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Cluster;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.TaskReport;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.HourlyRuns;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LandedFiles.LandedFile;
import org.kafkaetl.mapreduce.driver.RunResult;

/**
 * Runs that did not happen, and runs that happened twice. After five skipped hours (the cluster was
 * down) the next run takes everything since the last stored end in one run, the hot partition split
 * so no map task reads more than the split threshold; a second run in the same hour lands only what
 * arrived since, next to the first run's files, which it leaves alone. The merge takes both.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class MissedHoursIT {
  private static final int PARTITIONS = 2;
  private static final int HOT = 0;
  private static final long SPLIT_THRESHOLD = 50;
  /** Two days ago, so every hour of the test is in the past and Kafka takes its timestamps. */
  private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void theRunAfterFiveSkippedHoursTakesEverythingSplitAndASecondRunThatHourAddsOnlyWhatIsNew(EtlTestEnvironment env)
      throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, PARTITIONS);
    s.onlyTopic(s.raw).set("topic." + s.raw + ".split.threshold", String.valueOf(SPLIT_THRESHOLD))
        .set("etl.max.mappers", "4");
    FileSystem fs = env.hadoop().fileSystem();

    sendToEveryPartition(s, 10, at(7, 30));
    RunResult first = HourlyRuns.runAt(s, env.hadoop().configuration(), at(8, 5));
    assertThat(first.exitCode()).isEqualTo(ExitCode.OK);

    // 09:05 to 13:05: no run (the cluster was down); data kept arriving every hour
    for (int hour = 8; hour <= 13; hour++) {
      s.sendRaw(HOT, 24, at(hour, 30).toEpochMilli());
      s.sendRaw(1, 5, at(hour, 30).toEpochMilli());
    }
    s.sent();
    RunResult catchUp = HourlyRuns.runAt(s, env.hadoop().configuration(), at(14, 5));

    assertThat(catchUp.exitCode()).as(catchUp.message()).isEqualTo(ExitCode.OK);
    assertCatchUpTookEverythingSinceTheLastEndInBoundedParts(s, first.runId(), catchUp.runId());
    assertEveryMapTaskReadAtMostTheThreshold(env, s, catchUp.runId(), 144 + 30);
    assertLandedExactlyOnceAndTiles(env, s);

    Map<Path, Long> filesOfTheCatchUp = dataFileLengths(fs, hourDir(s, 14));
    s.sendRaw(HOT, 20, at(14, 10).toEpochMilli());
    Map<TopicPartition, List<Long>> sent = s.sent();
    RunResult sameHour = HourlyRuns.runAt(s, env.hadoop().configuration(), at(14, 20));

    assertThat(sameHour.exitCode()).as(sameHour.message()).isEqualTo(ExitCode.OK);
    assertThat(sameHour.hour()).isEqualTo(catchUp.hour());
    assertSecondRunAddedOnlyTheNewRangesBesideTheFirst(s, catchUp.runId(), sameHour.runId());
    assertThat(dataFileLengths(fs, hourDir(s, 14))).as("the first run's files are still there, unchanged")
        .containsAllEntriesOf(filesOfTheCatchUp).hasSizeGreaterThan(filesOfTheCatchUp.size());
    assertLandedExactlyOnceAndTiles(env, s);

    assertMergeTakesBothRunsOnceInOffsetOrder(env, s, sent);
    assertStatusShowsTheSkippedHoursEmptyAndNothingToDo(env, s);
  }

  private static void assertCatchUpTookEverythingSinceTheLastEndInBoundedParts(EtlScenario s, long firstRun,
      long catchUpRun) {
    Map<Integer, Long> firstEnds = new HashMap<>();
    ranges(s, firstRun).forEach(r -> firstEnds.put(partition(r), r.event().range().end()));
    List<RangeRecord> catchUp = ranges(s, catchUpRun);
    assertThat(catchUp).as("one run, into the hour it started in")
        .allSatisfy(r -> assertThat(r.hour()).hasToString(hourPrefix(14)));
    assertThat(catchUp).allSatisfy(r -> assertThat(r.event().range().count()).isLessThanOrEqualTo(SPLIT_THRESHOLD));
    assertThat(catchUp.stream().filter(r -> partition(r) == HOT))
        .as("144 messages over a threshold of 50: ceil(144/50) = 3 near-equal parts").hasSize(3)
        .allSatisfy(r -> assertThat(r.event().range().count()).isEqualTo(48));
    for (int p = 0; p < PARTITIONS; p++) {
      int partition = p;
      assertThat(catchUp.stream().filter(r -> partition(r) == partition).mapToLong(r -> r.event().range().begin()).min())
          .as("partition %d continues at the last stored end", p).hasValue(firstEnds.get(p));
    }
  }

  /** The job's own per-task counters: what each map task read. */
  private static void assertEveryMapTaskReadAtMostTheThreshold(EtlTestEnvironment env, EtlScenario s, long runId,
      long expectedRecords) throws Exception {
    Cluster cluster = new Cluster(env.hadoop().configuration());
    try {
      Job job = cluster.getJob(JobID.forName(jobId(s, runId)));
      List<Long> perTask = new ArrayList<>();
      for (TaskReport task : job.getTaskReports(TaskType.MAP)) {
        perTask.add(task.getTaskCounters().findCounter("kafka-etl records", s.raw).getValue());
      }
      assertThat(perTask).as("4 units (3 hot parts + partition 1) fit 4 mappers: one unit per task").hasSize(4)
          .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(SPLIT_THRESHOLD));
      assertThat(perTask.stream().mapToLong(Long::longValue).sum()).isEqualTo(expectedRecords);
    } finally {
      cluster.close();
    }
  }

  private static void assertSecondRunAddedOnlyTheNewRangesBesideTheFirst(EtlScenario s, long catchUpRun,
      long sameHourRun) {
    Map<Integer, Long> catchUpEnds = new HashMap<>();
    ranges(s, catchUpRun).forEach(r -> catchUpEnds.merge(partition(r), r.event().range().end(), Math::max));
    Map<Integer, String> added = new TreeMap<>();
    ranges(s, sameHourRun).forEach(r -> added.put(partition(r), r.event().range().toString()));
    assertThat(added).as("only what arrived since the first run; partition 1 got nothing new").containsOnlyKeys(HOT);
    assertThat(ranges(s, sameHourRun)).allSatisfy(r -> assertThat(r.event().range().begin())
        .isEqualTo(catchUpEnds.get(partition(r))));
    assertThat(ranges(s, sameHourRun)).extracting(r -> r.event().range().count()).containsExactly(20L);
  }

  private static void assertLandedExactlyOnceAndTiles(EtlTestEnvironment env, EtlScenario s) throws Exception {
    Map<TopicPartition, List<Long>> sent = s.sent();
    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);
    Map<Integer, Long> next = new HashMap<>();
    List<RangeRecord> all = new ArrayList<>(s.offsetStore().allRanges(s.raw));
    all.sort(Comparator.comparing((RangeRecord r) -> partition(r)).thenComparingLong(r -> r.event().range().begin()));
    for (RangeRecord r : all) {
      assertThat(r.state()).as("%s", r).isEqualTo(RangeState.COMPLETE);
      assertThat(r.event().range().begin()).as("%s continues its partition", r.event()).isEqualTo(next.getOrDefault(partition(r), 0L));
      next.put(partition(r), r.event().range().end());
    }
    sent.forEach((tp, offsets) -> assertThat(next.get(tp.partition())).as("%s ends at Kafka's end", tp)
        .isEqualTo(offsets.size()));
  }

  private void assertMergeTakesBothRunsOnceInOffsetOrder(EtlTestEnvironment env, EtlScenario s,
      Map<TopicPartition, List<Long>> sent) throws Exception {
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    EtlCli.Result merge = cli.run("merge", "--topic", s.raw, "--date", DAY.toString());
    assertThat(merge.exitCode()).as(merge.toString()).isZero();

    FileSystem fs = env.hadoop().fileSystem();
    Path day = new Path(s.properties().get("etl.warehouse.root") + "/" + s.raw + "/" + DAY);
    Map<TopicPartition, List<Long>> inFileOrder = new TreeMap<>();
    for (LandedFile daily : LandedFiles.dataFiles(fs, day)) {
      for (GenericRecord r : daily.records()) {
        inFileOrder.computeIfAbsent(TopicPartition.of(s.raw, (Integer) r.get("partition")), k -> new ArrayList<>())
            .add((Long) r.get("offset"));
      }
    }
    assertThat(inFileOrder).as("one daily file per partition, every offset once, in offset order").isEqualTo(sent);

    Map<Path, Long> dailyLengths = dataFileLengths(fs, day);
    EtlCli.Result again = cli.run("merge", "--topic", s.raw, "--date", DAY.toString());
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(dataFileLengths(fs, day)).as("merging again appends nothing").isEqualTo(dailyLengths);
  }

  private void assertStatusShowsTheSkippedHoursEmptyAndNothingToDo(EtlTestEnvironment env, EtlScenario s) {
    EtlCli.Result status = new EtlCli(env.hadoop().configuration(), tmp, s.properties())
        .run("status", "--topic", s.raw, "--date", DAY.toString());
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).contains("nothing needs action")
        .containsPattern(hourPrefix(8) + "\\s+M\\s+M\\s")
        .containsPattern(hourPrefix(14) + "\\s+M\\s+M\\s");
    for (int hour = 9; hour <= 13; hour++) {
      assertThat(status.out()).as("skipped hour %d", hour).containsPattern(hourPrefix(hour) + "\\s+\\.\\s+\\.\\s");
    }
  }

  private static void sendToEveryPartition(EtlScenario s, int count, Instant timestamp) {
    for (int p = 0; p < PARTITIONS; p++) {
      s.sendRaw(p, count, timestamp.toEpochMilli());
    }
    s.sent();
  }

  private static Map<Path, Long> dataFileLengths(FileSystem fs, Path root) throws Exception {
    Map<Path, Long> lengths = new HashMap<>();
    for (LandedFile f : LandedFiles.dataFiles(fs, root)) {
      lengths.put(f.path(), fs.getFileStatus(f.path()).getLen());
    }
    return lengths;
  }

  private static String jobId(EtlScenario s, long runId) throws Exception {
    try (Connection c = s.database().connect();
        PreparedStatement ps = c.prepareStatement("SELECT job_id FROM etl_runs WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("run %d recorded", runId).isTrue();
        return rs.getString(1);
      }
    }
  }

  private static List<RangeRecord> ranges(EtlScenario s, long runId) {
    return s.offsetStore().allRanges(s.raw).stream().filter(r -> r.runId() == runId).toList();
  }

  private static int partition(RangeRecord r) {
    return r.event().partition().partition();
  }

  private static Path hourDir(EtlScenario s, int hour) {
    return new Path(s.workRoot, hourPrefix(hour));
  }

  private static String hourPrefix(int hour) {
    return new HourPartition(DAY.atTime(hour, 0)).toString();
  }

  private static Instant at(int hour, int minute) {
    return DAY.atTime(hour, minute).toInstant(ZoneOffset.UTC);
  }
}
