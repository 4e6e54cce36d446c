package org.kafkaetl.it.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.alerts.LogAlertSender;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.FailingFileSystem;
import org.kafkaetl.it.support.HourlyRuns;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.merge.DailyMerge;
import org.kafkaetl.core.offsets.LockNames;
import org.kafkaetl.core.offsets.RunLock;
import org.kafkaetl.merge.WorkCleanup;
import org.kafkaetl.offsets.MySqlRunLock;
import org.kafkaetl.offsets.JdbcMergeLedger;

/**
 * The daily merge on the minicluster: hourly files from real runs appended into one daily file per
 * partition, read back with a plain Avro reader; run twice, failed mid-append, raced by an abandoned
 * writer holding the lease, and rebuilt — every offset of the day exactly once, in order.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class MergeIT {
  private static final int PARTITIONS = 2;

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void dailyFilesHoldEveryOffsetOnceThroughFailuresAndRebuild(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, PARTITIONS);
    s.onlyTopic(s.raw).set("etl.merge.after.run", "false");
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    long now = System.currentTimeMillis();
    long yesterdayTs = Instant.ofEpochMilli(now).minus(1, ChronoUnit.DAYS).toEpochMilli();
    LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
    LocalDate yesterday = today.minusDays(1);
    WarehouseLayout warehouse = new WarehouseLayout(s.properties().get("etl.warehouse.root"));
    FileSystem fs = env.hadoop().fileSystem();

    // Three hours of landed files: two earlier hours, then the current one.
    s.sendRaw(0, 40, now);
    s.sendRaw(1, 30, now);
    s.sendRaw(0, 5, yesterdayTs);
    s.sent();
    assertThat(HourlyRuns.runAt(s, env.hadoop().configuration(), Instant.ofEpochMilli(now).minus(2, ChronoUnit.HOURS))
        .exitCode()).isEqualTo(ExitCode.OK);
    s.sendRaw(0, 20, now);
    s.sendRaw(1, 10, now);
    s.sendRaw(1, 3, yesterdayTs);
    s.sent();
    assertThat(HourlyRuns.runAt(s, env.hadoop().configuration(), Instant.ofEpochMilli(now).minus(1, ChronoUnit.HOURS))
        .exitCode()).isEqualTo(ExitCode.OK);
    s.sendRaw(1, 7, now);
    s.sent();
    EtlCli.Result ran = cli.run("run", "--json");
    assertOk(ran);
    assertThat(fs.listStatus(new Path(s.workRoot))).as("three hour directories").hasSize(3);
    JsonNode summary = new ObjectMapper().readTree(ran.out());
    assertThat(summary.path("format").asText()).isEqualTo("kafka-etl.run.v1");
    assertThat(summary.path("result").asText()).isEqualTo("OK");
    assertThat(summary.path("rangesNotComplete")).isEmpty();
    assertThat(summary.path("hoursLanded")).hasSize(1);
    assertThat(summary.path("merge").isNull()).as("etl.merge.after.run=false").isTrue();
    assertThat(summary.path("topics")).filteredOn(t -> t.path("topic").asText().equals(s.raw)).singleElement()
        .satisfies(t -> {
          assertThat(t.path("records").asLong()).isEqualTo(7);
          assertThat(t.path("bytesMerged").asLong()).isZero();
        });

    EtlCli.Result merged = cli.run("merge", "--topic", s.raw, "--date", today.toString(), "--json");
    assertOk(merged);
    JsonNode merge = new ObjectMapper().readTree(merged.out());
    assertThat(merge.path("format").asText()).isEqualTo("kafka-etl.merge.v1");
    assertThat(merge.path("topic").asText()).isEqualTo(s.raw);
    assertThat(merge.path("date").asText()).isEqualTo(today.toString());
    assertThat(merge.path("exitCode").asInt()).isZero();
    assertThat(merge.path("lines")).isNotEmpty();
    assertThat(merge.path("partitions")).hasSize(PARTITIONS).allSatisfy(p ->
        assertThat(p.path("filesAppended").asInt()).isPositive());
    long mergedRecords = 0;
    for (JsonNode p : merge.path("partitions")) {
      mergedRecords += p.path("records").asLong();
    }
    assertThat(mergedRecords).isEqualTo(s.rawSentOn(today).values().stream().mapToLong(List::size).sum());
    assertThat(merge.path("bytesMerged").asLong()).isPositive();
    assertThat(dailyOffsets(fs, warehouse, s.raw, today)).isEqualTo(s.rawSentOn(today));

    Map<String, Long> lengths = lengths(fs, warehouse, s.raw, today);
    EtlCli.Result again = cli.run("merge", "--topic", s.raw, "--date", today.toString());
    assertOk(again);
    assertThat(again.out()).contains(": 0 hourly files");
    assertThat(lengths(fs, warehouse, s.raw, today)).as("a second merge changes nothing").isEqualTo(lengths);

    assertOk(cli.run("merge", "--topic", s.raw, "--date", yesterday.toString()));
    assertThat(dailyOffsets(fs, warehouse, s.raw, yesterday)).as("late records land in the earlier date")
        .isEqualTo(s.rawSentOn(yesterday));
    // A run planned after yesterday ended has finished and everything is merged: yesterday is complete.
    assertThat(marker(fs, warehouse, s.raw, yesterday)).contains("\"revision\" : 1", "\"records\" : 8");
    assertThat(fs.exists(new Path(warehouse.dayDir(s.raw, today), "_COMPLETE"))).as("today is not over").isFalse();
    s.sendRaw(1, 2, yesterdayTs);
    s.sent();
    assertOk(cli.run("run"));
    assertOk(cli.run("merge", "--topic", s.raw, "--date", yesterday.toString()));
    assertThat(dailyOffsets(fs, warehouse, s.raw, yesterday)).isEqualTo(s.rawSentOn(yesterday));
    assertThat(marker(fs, warehouse, s.raw, yesterday)).as("late data revises the day")
        .contains("\"revision\" : 2", "\"records\" : 10");

    // A merge whose appends fail after 100 bytes is rolled back to the lengths the ledger knows.
    s.sendRaw(0, 50, now);
    s.sendRaw(1, 50, now);
    s.sent();
    assertOk(cli.run("run"));
    DailyMerge failing = new DailyMerge(EtlConfig.parse(s.properties()),
        new FailingFileSystem(env.hadoop().fileSystem(), 100), s.offsetStore(), new JdbcMergeLedger(s.database()),
        new MySqlRunLock(s.database()), new LogAlertSender(), Clock.systemUTC());
    DailyMerge.MergeResult failed = failing.merge(s.raw, today, OptionalInt.empty(), false);
    assertThat(failed.exitCode()).as(failed.message()).isEqualTo(ExitCode.FAILED);
    assertThat(lengths(fs, warehouse, s.raw, today)).as("rolled back").isEqualTo(lengths);

    // A writer that died without closing still holds the lease and left bytes behind.
    FileSystem abandoned = FileSystem.newInstance(env.hadoop().configuration());
    FSDataOutputStream out = abandoned.append(new Path(warehouse.dailyFile(s.raw, today, 0, 0)));
    out.write("half-written garbage from a killed merge".repeat(30).getBytes(StandardCharsets.UTF_8));
    out.hflush();
    EtlCli.Result recovered = cli.run("merge", "--topic", s.raw, "--date", today.toString());
    assertOk(recovered);
    assertThat(dailyOffsets(fs, warehouse, s.raw, today)).isEqualTo(s.rawSentOn(today));
    closeQuietly(abandoned);

    Map<Integer, List<Long>> incremental = dailyOffsets(fs, warehouse, s.raw, today);
    assertOk(cli.run("merge", "--topic", s.raw, "--date", today.toString(), "--rebuild"));
    assertThat(dailyOffsets(fs, warehouse, s.raw, today)).as("rebuild equals the incremental result")
        .isEqualTo(incremental);
    assertOk(cli.run("merge", "--topic", s.raw, "--date", today.toString()));
    assertThat(dailyOffsets(fs, warehouse, s.raw, today)).isEqualTo(incremental);
  }

  @Test
  void badInputIsRefusedAndLeavesDailyFilesAlone(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.onlyTopic(s.raw).set("etl.merge.after.run", "false");
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    WarehouseLayout warehouse = new WarehouseLayout(s.properties().get("etl.warehouse.root"));
    FileSystem fs = env.hadoop().fileSystem();

    EtlCli.Result noData = cli.run("merge", "--topic", s.raw, "--date", "2001-01-01");
    assertThat(noData.exitCode()).isEqualTo(2);
    assertThat(noData.err()).contains("no landed data");
    assertThat(cli.run("merge", "--topic", "nope", "--date", today.toString()).err()).contains("not in etl.topics");
    EtlCli.Result badDate = cli.run("merge", "--topic", s.raw, "--date", "21.11.2026");
    assertThat(badDate.exitCode()).isEqualTo(2);
    assertThat(badDate.err()).contains("yyyy-MM-dd");

    s.sendRaw(0, 10, System.currentTimeMillis());
    s.sent();
    assertOk(cli.run("run"));
    assertOk(cli.run("merge", "--topic", s.raw, "--date", today.toString()));
    Map<String, Long> lengths = lengths(fs, warehouse, s.raw, today);

    s.sendRaw(0, 10, System.currentTimeMillis());
    s.sent();
    assertOk(cli.run("run"));
    Path corrupted = newestHourlyFile(fs, new Path(s.workRoot));
    try (FSDataOutputStream garbage = fs.create(corrupted, true)) {
      garbage.write("this is not an avro file".getBytes(StandardCharsets.UTF_8));
    }
    EtlCli.Result broken = cli.run("merge", "--topic", s.raw, "--date", today.toString());
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.out() + broken.err()).contains(corrupted.getName());
    assertThat(lengths(fs, warehouse, s.raw, today)).as("daily file untouched").isEqualTo(lengths);
  }

  @Test
  void cleanupDeletesOnlyHoursWhoseDataIsAllMerged(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.onlyTopic(s.raw).set("etl.merge.after.run", "false");
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    FileSystem fs = env.hadoop().fileSystem();
    s.sendRaw(0, 10, System.currentTimeMillis());
    s.sent();
    assertOk(cli.run("run"));
    Path hourDir = fs.listStatus(new Path(s.workRoot))[0].getPath();
    Clock threeDaysLater = Clock.offset(Clock.systemUTC(), java.time.Duration.ofDays(3));
    EtlConfig config = EtlConfig.parse(s.properties());
    MySqlRunLock lock = new MySqlRunLock(s.database());
    WorkCleanup cleanup = new WorkCleanup(config, fs, new JdbcMergeLedger(s.database()), s.offsetStore(), lock,
        threeDaysLater);
    Path errorFile = new Path(hourDir, s.raw + "/_errors/" + s.raw + ".0.0-10.errors.avro");
    try (FSDataOutputStream out = fs.create(errorFile)) {
      out.write("undecodable messages".getBytes(StandardCharsets.UTF_8));
    }

    assertThat(cleanup.cleanup(java.time.Duration.ofDays(2), false).orElseThrow()).singleElement()
        .satisfies(d -> assertThat(d.delete()).as("unmerged data is never deleted").isFalse());
    assertThat(fs.exists(hourDir)).isTrue();

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertOk(cli.run("merge", "--topic", s.raw, "--date", today));
    // A rerun writes the merged file again, and the merge host's clock ran an hour ahead of the
    // NameNode's: its merge time is after the rewrite, the file's own time as merged is not.
    Path dataFile = fs.listStatus(new Path(hourDir, s.raw + "/" + today), p -> p.getName().endsWith(".avro"))[0]
        .getPath();
    byte[] landed;
    try (var in = fs.open(dataFile)) {
      landed = in.readAllBytes();
    }
    long mergedModified = fs.getFileStatus(dataFile).getModificationTime();
    try (FSDataOutputStream out = fs.create(dataFile, true)) {
      out.write(landed);
    }
    // the rerun's task closes it later than the merge listed it: a second later, not whenever the clock ticks
    fs.setTimes(dataFile, mergedModified + 1_000, -1);
    assertThat(fs.getFileStatus(dataFile).getModificationTime()).isNotEqualTo(mergedModified);
    try (var c = s.database().connect(); var st = c.createStatement()) {
      st.executeUpdate("UPDATE etl_merge_ledger SET merged_at_utc = merged_at_utc + INTERVAL 1 HOUR");
    }
    assertThat(cleanup.cleanup(java.time.Duration.ofDays(2), false).orElseThrow()).singleElement()
        .satisfies(d -> assertThat(d.reason()).as("kept until the day is rebuilt")
            .contains("merge --topic " + s.raw + " --date " + today + " --rebuild"))
        .satisfies(d -> assertThat(d.delete()).isFalse());
    assertOk(cli.run("merge", "--topic", s.raw, "--date", today, "--rebuild"));
    assertThat(cleanup.cleanup(java.time.Duration.ofDays(2), true).orElseThrow()).singleElement()
        .satisfies(d -> assertThat(d.delete()).as("the rebuild recorded the file as it is now").isTrue());
    assertThat(fs.exists(hourDir)).as("dry run deletes nothing").isTrue();
    assertThat(cleanup.cleanup(java.time.Duration.ofDays(4), false).orElseThrow()).as("not old enough").isEmpty();
    try (RunLock.Held running = lock.tryAcquire(LockNames.hourly(config)).orElseThrow()) {
      assertThat(cleanup.cleanup(java.time.Duration.ofDays(2), false)).as("a run holds the lock").isEmpty();
      assertThat(fs.exists(hourDir)).isTrue();
    }
    assertThat(cleanup.cleanup(java.time.Duration.ofDays(2), false).orElseThrow()).singleElement()
        .satisfies(d -> assertThat(d.delete()).isTrue());
    assertThat(fs.exists(hourDir)).isFalse();
    Path kept = new Path(new WarehouseLayout(config.warehouseRoot()).errorsDir(s.raw,
        org.kafkaetl.core.HourPartition.parse(hourDir.getName())), errorFile.getName());
    try (var in = fs.open(kept)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as("error files outlive their hour")
          .isEqualTo("undecodable messages");
    }
    assertThat(cli.run("cleanup", "--older-than", "0").exitCode()).isEqualTo(2);
  }

  private static void assertOk(EtlCli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  /** Offsets per partition as a plain Avro reader sees them in the day's daily files (all parts). */
  private static Map<Integer, List<Long>> dailyOffsets(FileSystem fs, WarehouseLayout warehouse, String topic,
      LocalDate date) throws IOException {
    Map<Integer, List<Long>> offsets = new TreeMap<>();
    for (FileStatus f : fs.listStatus(new Path(warehouse.dayDir(topic, date)), p -> p.getName().endsWith(".avro"))) {
      List<Long> read = new ArrayList<>();
      for (GenericRecord r : LandedFiles.read(fs, f.getPath())) {
        read.add((Long) r.get("offset"));
      }
      for (int i = 1; i < read.size(); i++) {
        assertThat(read.get(i)).as("offsets increase in %s", f.getPath()).isGreaterThan(read.get(i - 1));
      }
      int partition = (Integer) LandedFiles.read(fs, f.getPath()).get(0).get("partition");
      offsets.computeIfAbsent(partition, k -> new ArrayList<>()).addAll(read);
    }
    return offsets;
  }

  private static String marker(FileSystem fs, WarehouseLayout warehouse, String topic, LocalDate date)
      throws IOException {
    try (var in = fs.open(new Path(warehouse.dayDir(topic, date), "_COMPLETE"))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, Long> lengths(FileSystem fs, WarehouseLayout warehouse, String topic, LocalDate date)
      throws IOException {
    Map<String, Long> lengths = new TreeMap<>();
    for (FileStatus f : fs.listStatus(new Path(warehouse.dayDir(topic, date)), p -> p.getName().endsWith(".avro"))) {
      lengths.put(f.getPath().getName(), f.getLen());
    }
    return lengths;
  }

  private static Path newestHourlyFile(FileSystem fs, Path workRoot) throws IOException {
    Path newest = null;
    long newestTime = -1;
    var it = fs.listFiles(workRoot, true);
    while (it.hasNext()) {
      var f = it.next();
      String p = f.getPath().toString();
      if (p.endsWith(".avro") && !p.contains("/_errors/") && f.getModificationTime() >= newestTime) {
        newest = f.getPath();
        newestTime = f.getModificationTime();
      }
    }
    return newest;
  }

  private static void closeQuietly(FileSystem fs) {
    try {
      fs.close();
    } catch (IOException e) {
      // its lease was taken away by the merge's recovery: closing the stream is expected to fail
    }
  }
}
