package org.kafkaetl.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.merge.MergeLedger;
import org.kafkaetl.core.merge.MergedHourlyFile;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RunLock;

/**
 * Cleanup of an old hour whose data files are all merged: reads set aside or moved to junk are not
 * counted as its data, but keep the hour, and the decision says what each one is and what to run.
 */
class WorkCleanupTest {
  private static final String HOUR = "2026112103";
  private static final String DATA = "logs/2026-11-21/logs.0.0-10.avro";

  @TempDir
  java.nio.file.Path root;

  @Test
  void anHourHoldingReadsWithAnUnreadableReportIsKeptAndTheDecisionNamesThemWithTheCommand() throws IOException {
    java.nio.file.Path hour = root.resolve("work").resolve(HOUR);
    write(hour.resolve(DATA));
    java.nio.file.Path unreadable = hour.resolve(WorkLayout.EARLIER_DIR).resolve("run-5" + WorkLayout.UNREADABLE_SUFFIX);
    write(unreadable.resolve(DATA));
    write(unreadable.resolve("_reports/logs.0.0-10.json"));

    WorkCleanup.Decision decision = decide(hour);

    assertThat(decision.delete()).isFalse();
    assertThat(decision.reason()).as("not counted as unmerged data").startsWith("1 data files, all merged")
        .contains("unreadable report", "run-5" + WorkLayout.UNREADABLE_SUFFIX, "hdfs dfs -mv ",
            "/" + WorkLayout.JUNK_DIR + "/run-5" + WorkLayout.UNREADABLE_SUFFIX);
    assertThat(Files.exists(unreadable)).isTrue();
  }

  @Test
  void anHourHoldingJunkIsKeptUntilAPersonRemovesItAndIsDeletedAfter() throws IOException {
    java.nio.file.Path hour = root.resolve("work").resolve(HOUR);
    write(hour.resolve(DATA));
    java.nio.file.Path junk = hour.resolve(WorkLayout.JUNK_DIR).resolve("run-7.not-intact");
    write(junk.resolve(DATA));

    WorkCleanup.Decision decision = decide(hour);
    assertThat(decision.delete()).isFalse();
    assertThat(decision.reason()).startsWith("1 data files, all merged").contains("junk", "hdfs dfs -rm -r ",
        "run-7.not-intact");

    FileSystem.getLocal(new Configuration()).getRaw().delete(new org.apache.hadoop.fs.Path(junk.toUri()), true);
    assertThat(decide(hour).delete()).isTrue();
  }

  @Test
  void theErrorFilesOfATopicNoLongerConfiguredAreKeptWhenItsHourGoes() throws IOException {
    java.nio.file.Path hour = root.resolve("work").resolve(HOUR);
    write(hour.resolve(DATA));
    write(hour.resolve("retired/_errors/retired.0.0-5.errors.avro"));

    assertThat(cleanup(hour, false).delete()).isTrue();

    assertThat(Files.exists(hour)).isFalse();
    assertThat(root.resolve("warehouse/retired/_errors/" + HOUR + "/retired.0.0-5.errors.avro"))
        .as("the undecodable messages of a topic excluded since").exists();
  }

  /**
   * A rerun wrote a merged hourly file again (a fixed decoder reads more of its range, or records move
   * to another date): the daily file holds the old copy, so the hour stays until the day is rebuilt.
   */
  @Test
  void anHourWhoseMergedFileARerunWroteAgainIsKeptUntilItsDayIsRebuilt() throws IOException {
    java.nio.file.Path hour = root.resolve("work").resolve(HOUR);
    write(hour.resolve(DATA));
    Instant mergedBeforeTheRerun = Instant.now().minusSeconds(600);

    WorkCleanup.Decision decision = cleanup(hour, false, new MergedHourlyFile(mergedBeforeTheRerun, null));

    assertThat(decision.delete()).as("a row merged before the file's own time was kept: the merge time decides")
        .isFalse();
    assertThat(decision.reason()).contains("wrote again after they were merged",
        "merge --topic logs --date 2026-11-21 --rebuild");
    assertThat(Files.exists(hour.resolve(DATA))).isTrue();
    assertThat(cleanup(hour, false, new MergedHourlyFile(Instant.now().plusSeconds(1), null)).delete())
        .as("once the rebuild recorded it again").isTrue();
  }

  /**
   * The merge host's clock runs an hour ahead of the NameNode's, so the merge time it recorded is
   * later than a rerun's rewrite of the file: compared with it, the rewrite looks older than the
   * merge. The file's own time as the merge listed it (the NameNode's clock) tells the rewrite.
   */
  @Test
  void aFileARerunWroteAgainIsKeptThoughTheMergeHostsClockWasAheadOfTheNameNodes() throws IOException {
    java.nio.file.Path hour = root.resolve("work").resolve(HOUR);
    write(hour.resolve(DATA));
    Instant rewritten = modified(hour.resolve(DATA));
    Instant listedByTheMerge = rewritten.minusSeconds(120);
    Instant mergedByAClockAnHourAhead = rewritten.plus(Duration.ofHours(1));

    WorkCleanup.Decision decision =
        cleanup(hour, false, new MergedHourlyFile(mergedByAClockAnHourAhead, listedByTheMerge));

    assertThat(decision.delete()).as(decision.reason()).isFalse();
    assertThat(decision.reason()).contains("wrote again after they were merged",
        "merge --topic logs --date 2026-11-21 --rebuild");
    assertThat(Files.exists(hour.resolve(DATA))).isTrue();
    assertThat(cleanup(hour, false, new MergedHourlyFile(mergedByAClockAnHourAhead, rewritten)).delete())
        .as("once a rebuild recorded the file as it is now").isTrue();
  }

  /** A merge host's clock behind the NameNode's does not keep an hour whose files are as merged. */
  @Test
  void aFileAsTheMergeListedItGoesWhateverTheMergeHostsClockSaid() throws IOException {
    java.nio.file.Path hour = root.resolve("work").resolve(HOUR);
    write(hour.resolve(DATA));
    Instant listed = modified(hour.resolve(DATA));

    assertThat(cleanup(hour, false, new MergedHourlyFile(listed.minus(Duration.ofHours(1)), listed)).delete())
        .isTrue();
  }

  /**
   * A rerun with --include-complete moved every record of a merged file to another date (a fixed
   * event-time setting): the file is gone, the daily file of its old date still holds the records,
   * and deleting the hour's reports would leave a rebuild unable to tell them from records to keep.
   */
  @Test
  void anHourWhoseMergedFileARerunRemovedIsKeptUntilThatDayIsRebuilt() throws IOException {
    java.nio.file.Path hour = root.resolve("work").resolve(HOUR);
    write(hour.resolve(DATA));
    String removed = "logs/1970-01-01/logs.0.0-10.avro";
    Instant listed = modified(hour.resolve(DATA));
    MergedHourlyFile asMerged = new MergedHourlyFile(listed.plusSeconds(60), listed);

    WorkCleanup.Decision decision = cleanup(hour, false, Map.of(DATA, asMerged,
        removed, new MergedHourlyFile(listed.minusSeconds(600), listed.minusSeconds(900))), "logs");

    assertThat(decision.delete()).as(decision.reason()).isFalse();
    assertThat(decision.reason()).contains("(or removed since)",
        "merge --topic logs --date 1970-01-01 --rebuild").doesNotContain("--date 2026-11-21");
    assertThat(cleanup(hour, false, Map.of(DATA, asMerged,
        removed, new MergedHourlyFile(listed.minusSeconds(600), null)), "logs").delete())
        .as("a row merged before the file's time was kept cannot tell either").isFalse();
    assertThat(cleanup(hour, false, Map.of(DATA, asMerged,
        removed, new MergedHourlyFile(listed.minusSeconds(600), MergedHourlyFile.ABSENT)), "logs").delete())
        .as("once a rebuild recorded it gone, the daily copy stands for it").isTrue();
  }

  /** A merged file a rerun set aside is not gone: the next run settles it, and no rebuild is asked for. */
  @Test
  void aMergedFileSetAsideByARerunIsNotTakenForRemoved() throws IOException {
    java.nio.file.Path hour = root.resolve("work").resolve(HOUR);
    write(hour.resolve(DATA));
    String setAside = "logs/1970-01-01/logs.0.0-10.avro";
    write(hour.resolve(WorkLayout.EARLIER_DIR).resolve("run-7").resolve(setAside));
    Instant listed = modified(hour.resolve(DATA));

    WorkCleanup.Decision decision = cleanup(hour, false, Map.of(DATA, new MergedHourlyFile(listed, listed),
        setAside, new MergedHourlyFile(listed.minusSeconds(600), listed.minusSeconds(900))), "logs");

    assertThat(decision.delete()).isFalse();
    assertThat(decision.reason()).contains("reads set aside by a rerun that has not settled them").doesNotContain(
        "--rebuild");
  }

  /** The merge refuses a topic not configured: the decision says to configure it before the rebuild. */
  @Test
  void theRebuildNamedForATopicNoLongerConfiguredSaysToConfigureItFirst() throws IOException {
    java.nio.file.Path hour = root.resolve("work").resolve(HOUR);
    write(hour.resolve(DATA));
    Instant rewritten = modified(hour.resolve(DATA));

    WorkCleanup.Decision decision = cleanup(hour, true,
        Map.of(DATA, new MergedHourlyFile(rewritten, rewritten.minusSeconds(120))), "orders");

    assertThat(decision.delete()).isFalse();
    assertThat(decision.reason()).containsPattern("with logs in etl\\.topics again \\(it is no longer configured; take it out after the"
        + " rebuild, as hourly runs read it while it is there\\): "
        + ".*merge --topic logs --date 2026-11-21 --rebuild");
  }

  private WorkCleanup.Decision decide(java.nio.file.Path hour) {
    return cleanup(hour, true);
  }

  private WorkCleanup.Decision cleanup(java.nio.file.Path hour, boolean dryRun) {
    // merged after the file was written
    return cleanup(hour, dryRun, new MergedHourlyFile(Instant.now().plusSeconds(60), null));
  }

  private WorkCleanup.Decision cleanup(java.nio.file.Path hour, boolean dryRun, MergedHourlyFile mergedFile) {
    return cleanup(hour, dryRun, Map.of(DATA, mergedFile), "logs");
  }

  /** @param mergedFiles the ledger's rows of the hour, by data file path relative to it */
  private WorkCleanup.Decision cleanup(java.nio.file.Path hour, boolean dryRun, Map<String, MergedHourlyFile> mergedFiles,
      String topics) {
    FileSystem fs;
    try {
      fs = FileSystem.getLocal(new Configuration()).getRaw();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, MergedHourlyFile> merged = new java.util.HashMap<>();
    mergedFiles.forEach((file, row) -> merged.put(new org.apache.hadoop.fs.Path(hour.resolve(file).toUri()).toString(), row));
    EtlConfig config = EtlConfig.parse(Map.of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:mysql://db/etl",
        "db.user", "etl", "etl.topics", topics, "etl.timezone", "UTC",
        "etl.work.root", root.resolve("work").toUri().toString(),
        "etl.warehouse.root", root.resolve("warehouse").toUri().toString()));
    List<WorkCleanup.Decision> decisions = new WorkCleanup(config, fs, fake(MergeLedger.class, merged),
        fake(OffsetStore.class, List.of()), lock(), Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC))
        .cleanup(Duration.ofDays(3), dryRun).orElseThrow();
    return decisions.stream().filter(d -> d.hourDir().endsWith(HOUR)).findFirst().orElseThrow();
  }

  private static Instant modified(java.nio.file.Path file) throws IOException {
    return Instant.ofEpochMilli(FileSystem.getLocal(new Configuration()).getRaw()
        .getFileStatus(new org.apache.hadoop.fs.Path(file.toUri())).getModificationTime());
  }

  private static void write(java.nio.file.Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1, 2, 3});
  }

  /** Answers every method whose return type {@code answer} is (a Map, a List) with it. */
  private static <T> T fake(Class<T> type, Object answer) {
    return type.cast(Proxy.newProxyInstance(WorkCleanupTest.class.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          if (method.getReturnType().isInstance(answer)) {
            return answer;
          }
          throw new UnsupportedOperationException(method.getName());
        }));
  }

  private static RunLock lock() {
    return new RunLock() {
      @Override
      public Optional<Held> tryAcquire(String name) {
        return Optional.of(new Held() {
          @Override
          public boolean stillHeld() {
            return true;
          }

          @Override
          public void close() {}
        });
      }
    };
  }
}
