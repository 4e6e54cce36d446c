package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.EVENT;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.HOUR;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.land;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.coverage.LandedFile;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.hdfs.HourReports;
import org.kafkaetl.hdfs.TopicIndex;

/**
 * Folding an hour's loose reports into topic indexes never changes the report that counts for a
 * range, whatever happens between its steps: a crash, a run taking the hour over, cleanup, a reader.
 */
class FoldAfterRunTest {
  private static final long FOLDER = 3;
  private static final KafkaEvent A0 = event("logs", 0, 0, 10);
  private static final KafkaEvent A1 = event("logs", 1, 5, 20);
  private static final KafkaEvent A2 = event("logs", 2, 0, 3);
  private static final KafkaEvent B0 = event("clicks", 0, 0, 7);
  private static final List<KafkaEvent> ALL = List.of(A0, A1, A2, B0);
  /** The renames of the fold set up by {@link #anHour}: f2 twice (one index per topic), f3 three times. */
  private static final int RENAMES = 5;

  @TempDir
  java.nio.file.Path root;
  private Path hourDir;
  private FileSystem healthy;

  @BeforeEach
  void setUp() throws IOException {
    hourDir = new Path(root.resolve(HOUR.toString()).toUri());
    healthy = FileSystem.getLocal(new Configuration());
  }

  /**
   * Topic logs: A0 only in the index, A1 loose over an older entry, A2 tombstoned over its entry;
   * topic clicks: B0 loose, never folded. And the folder's run directory, as its job's setup made and its commit left it.
   */
  private Map<KafkaEvent, Optional<RangeReport>> anHour() throws IOException {
    write(WorkLayout.topicIndexFile("logs"), TopicIndex.EMPTY.with(report(A0, 9)).with(report(A1, 1))
        .with(report(A2, 2)).encode());
    write(WorkLayout.reportFile(A1), ReportCodec.encode(report(A1, 15)));
    write(WorkLayout.reportFile(A2), "{\"takenOut\": true}".getBytes(StandardCharsets.UTF_8));
    write(WorkLayout.reportFile(B0), ReportCodec.encode(report(B0, 7)));
    healthy.mkdirs(RunOutputCommitter.runDir(hourDir, FOLDER));
    return counting();
  }

  @Test
  void aFoldLeavesOneIndexPerTopicNoLooseReportAndTheSameReportsCounting() throws IOException {
    Map<KafkaEvent, Optional<RangeReport>> before = anHour();
    write(WorkLayout.reportFile(event("logs", 3, 0, 1)), "{\"cut short".getBytes(StandardCharsets.UTF_8));

    assertThat(FoldAfterRun.fold(healthy, hourDir, FOLDER)).hasValueSatisfying(f -> assertThat(f.loose()).isEqualTo(3));

    assertThat(counting()).isEqualTo(before);
    assertThat(looseNames()).as("only the report that cannot be read").containsExactly("logs.3.0-1.json");
    assertThat(index("logs").reports()).containsOnlyKeys("logs.0.0-10", "logs.1.5-20");
    assertThat(index("clicks").reports()).containsOnlyKeys("clicks.0.0-7");
    assertThat(healthy.exists(RunOutputCommitter.runDir(hourDir, FOLDER))).as("f4 removed the run directory").isFalse();
  }

  @ParameterizedTest(name = "crash at rename {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void aFoldCrashedAtAnyRenameChangedNoReportThatCountsAndTheNextFoldFinishesIt(int k) throws IOException {
    Map<KafkaEvent, Optional<RangeReport>> before = anHour();
    SteppedFileSystem crashing = SteppedFileSystem.create().crashAtRename(k);

    Optional<?> folded = FoldAfterRun.fold(crashing, hourDir, FOLDER);

    assertThat(folded.isEmpty()).as("crashed exactly when a rename was left to crash at").isEqualTo(k <= RENAMES);
    assertThat(counting()).isEqualTo(before);
    healthy.mkdirs(RunOutputCommitter.runDir(hourDir, FOLDER + 1));
    assertThat(FoldAfterRun.fold(healthy, hourDir, FOLDER + 1)).isPresent();
    assertThat(counting()).isEqualTo(before);
    assertThat(looseNames()).isEmpty();
  }

  /** {@code at}: before the first index rename (f2), or before the first loose report's move (f3). */
  @ParameterizedTest(name = "taken over before {0}")
  @ValueSource(strings = {"f2", "f3"})
  void aFolderThatLostTheHourMovesNothingAndOverwritesNoIndexOnceFenced(String at) throws IOException {
    anHour();
    String reports = new Path(hourDir, WorkLayout.REPORTS_DIR).toUri().getPath() + "/";
    String logsIndex = WorkLayout.topicIndexFile("logs");
    KafkaEvent newer = B0;
    byte[] holdersIndex = TopicIndex.EMPTY.with(report(A0, 99)).encode();
    SteppedFileSystem stalled = SteppedFileSystem.create().before(op -> op.startsWith("rename ")
        && (at.equals("f2") ? op.endsWith(logsIndex) : op.startsWith("rename file:" + reports)
            || op.startsWith("rename " + reports)), () -> takeOver(newer, holdersIndex));

    FoldAfterRun.fold(stalled, hourDir, FOLDER);

    assertThat(read(WorkLayout.topicIndexFile("logs"))).as("the new holder's index").isEqualTo(holdersIndex);
    assertThat(new HourReports(healthy, hourDir).read(newer)).contains(report(newer, 70));
    assertThat(healthy.getFileStatus(RunOutputCommitter.runDir(hourDir, FOLDER)).isFile()).as("the fence stays")
        .isTrue();
  }

  /** Another run takes the hour: fences it, commits a new read of {@code event}, has folded logs. */
  private void takeOver(KafkaEvent event, byte[] index) {
    try {
      RunOutputCommitter.fenceOtherRuns(healthy, hourDir, FOLDER + 1);
      write(WorkLayout.reportFile(event), ReportCodec.encode(report(event, 70)));
      write(WorkLayout.topicIndexFile("logs"), index);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aFolderThatNoLongerHoldsTheHourFencesNothingAndFoldsNothing() throws IOException {
    Map<KafkaEvent, Optional<RangeReport>> before = anHour();
    Path newer = RunOutputCommitter.runDir(hourDir, FOLDER + 1);
    healthy.mkdirs(new Path(newer, "attempt_1/logs"));

    assertThat(FoldAfterRun.fold(healthy, hourDir, FOLDER, () -> false)).isEmpty();

    assertThat(healthy.getFileStatus(newer).isDirectory()).as("the newer run's work is left alone").isTrue();
    assertThat(looseNames()).hasSize(3);
    assertThat(counting()).isEqualTo(before);
  }

  @Test
  void noFoldWhereAnIndexCannotBeReplacedInOneStep() throws IOException {
    Map<KafkaEvent, Optional<RangeReport>> before = anHour();

    assertThat(FoldAfterRun.fold(FileSystem.getLocal(new Configuration()).getRaw(), hourDir, FOLDER)).isEmpty();

    assertThat(looseNames()).hasSize(3);
    assertThat(counting()).isEqualTo(before);
  }

  @ParameterizedTest(name = "cleanup before {0}")
  @ValueSource(strings = {"list", "create", "rename"})
  void aFolderStalledPastCleanupDoesNotRecreateTheHour(String before) throws IOException {
    anHour();
    SteppedFileSystem stalled = SteppedFileSystem.create().before(op -> op.startsWith(before + " "), () -> {
      try {
        healthy.delete(hourDir, true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });

    assertThat(FoldAfterRun.fold(stalled, hourDir, FOLDER)).isEmpty();

    assertThat(healthy.exists(hourDir)).isFalse();
  }

  @Test
  void aReaderBetweenTheIndexRenameAndTheMovesFindsEveryReport() throws IOException {
    Map<KafkaEvent, Optional<RangeReport>> before = anHour();
    // One reader for the hour, as the merge keeps: it has read the old index already.
    HourReports reader = new HourReports(healthy, hourDir);
    ALL.forEach(e -> assertThat(readQuietly(reader, e)).isEqualTo(before.get(e)));
    String reports = new Path(hourDir, WorkLayout.REPORTS_DIR).toUri().getPath() + "/";
    List<Map<KafkaEvent, Optional<RangeReport>>> seen = new ArrayList<>();
    SteppedFileSystem fs = SteppedFileSystem.create();
    Runnable look = () -> {
      Map<KafkaEvent, Optional<RangeReport>> now = new LinkedHashMap<>();
      ALL.forEach(e -> now.put(e, readQuietly(reader, e)));
      seen.add(now);
    };
    // Before the first loose report is moved, and again at the fold's next change (that one gone).
    fs.before(op -> op.startsWith("rename file:" + reports) || op.startsWith("rename " + reports), () -> {
      look.run();
      fs.before(op -> !op.startsWith("list "), look);
    });

    assertThat(FoldAfterRun.fold(fs, hourDir, FOLDER)).isPresent();

    assertThat(seen).hasSize(2).allSatisfy(now -> assertThat(now).isEqualTo(before));
  }

  @Test
  void aRerunOfAFoldedRangeWhoseReadDoesNotTakeKeepsTheEarlierReadLooseThenFoldsIt() throws IOException {
    RangeReport earlier = aFoldedRead();
    assertThat(looseNames()).isEmpty();

    long rerun = 7;
    healthy.mkdirs(RunOutputCommitter.runDir(hourDir, rerun));
    EarlierReads reads = new EarlierReads(new Configuration(), hourDir, events -> EarlierReadFixture.read(healthy,
        hourDir));
    Map<KafkaEvent, RangeReport> aside = reads.setAside(rerun, List.of(EVENT));
    assertThat(new HourReports(healthy, hourDir).read(EVENT)).as("set aside: a tombstone over the entry").isEmpty();
    // The rerun's job commits nothing.
    assertThat(reads.settle(rerun, aside)).containsKey(EVENT);
    assertThat(new HourReports(healthy, hourDir).read(EVENT)).contains(earlier);
    assertThat(looseNames()).as("put back loose").containsExactly(healthy.getFileStatus(new Path(hourDir,
        WorkLayout.reportFile(EVENT))).getPath().getName());

    FoldAfterRun.fold(healthy, hourDir, rerun).orElseThrow();

    assertThat(new HourReports(healthy, hourDir).read(EVENT)).contains(earlier);
    assertThat(looseNames()).isEmpty();
    assertThat(EarlierReadFixture.read(healthy, hourDir).intact(EVENT)).contains(earlier);
  }

  @Test
  void aFoldedRangeTakenToJunkCountsNoMoreAndItsFilesAndReportAreKept() throws IOException {
    RangeReport earlier = aFoldedRead();

    Map<KafkaEvent, String> discarded = new JunkReads(healthy, hourDir).discardRecreated(7, java.util.Set.of(EVENT));

    Path junk = JunkReads.dir(hourDir, 7, "topic-recreated");
    assertThat(discarded.get(EVENT)).contains("moved to " + junk);
    assertThat(new HourReports(healthy, hourDir).read(EVENT)).isEmpty();
    assertThat(new HourReports(healthy, junk).read(EVENT)).contains(earlier);
    for (String file : HourReports.filesOfRead(earlier)) {
      assertThat(healthy.exists(new Path(junk, file))).as(file).isTrue();
    }
    healthy.mkdirs(RunOutputCommitter.runDir(hourDir, 8));
    FoldAfterRun.fold(healthy, hourDir, 8).orElseThrow();
    assertThat(index(EVENT.topic()).has(EVENT)).isFalse();
    assertThat(looseNames()).isEmpty();
  }

  /** A read of the fixture's range, landed and folded by run {@link #FOLDER}; its report. */
  private RangeReport aFoldedRead() throws IOException {
    land(healthy, hourDir, 4, "no progress for 60 s");
    healthy.mkdirs(RunOutputCommitter.runDir(hourDir, FOLDER));
    FoldAfterRun.fold(healthy, hourDir, FOLDER).orElseThrow();
    return new HourReports(healthy, hourDir).read(EVENT).orElseThrow();
  }

  private Map<KafkaEvent, Optional<RangeReport>> counting() {
    HourReports reports = new HourReports(healthy, hourDir);
    Map<KafkaEvent, Optional<RangeReport>> counting = new LinkedHashMap<>();
    ALL.forEach(e -> counting.put(e, readQuietly(reports, e)));
    return counting;
  }

  private static Optional<RangeReport> readQuietly(HourReports reports, KafkaEvent event) {
    try {
      return reports.read(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> looseNames() throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus file : healthy.listStatus(new Path(hourDir, WorkLayout.REPORTS_DIR))) {
      if (file.isFile() && !file.getPath().getName().startsWith(".")) {
        names.add(file.getPath().getName());
      }
    }
    return names;
  }

  private TopicIndex index(String topic) throws IOException {
    try (var in = healthy.open(new Path(hourDir, WorkLayout.topicIndexFile(topic)))) {
      return TopicIndex.decode(in);
    }
  }

  private byte[] read(String relative) throws IOException {
    try (var in = healthy.open(new Path(hourDir, relative))) {
      return in.readAllBytes();
    }
  }

  private void write(String relative, byte[] bytes) throws IOException {
    try (var out = healthy.create(new Path(hourDir, relative), true)) {
      out.write(bytes);
    }
  }

  private static KafkaEvent event(String topic, int partition, long begin, long end) {
    return new KafkaEvent(TopicPartition.of(topic, partition), new OffsetRange(begin, end));
  }

  private static RangeReport report(KafkaEvent event, long records) {
    return new RangeReport(event, event.range().end(), records, 0, 100, "", Map.of("2026-11-21", records), List.of(),
        List.of(new LandedFile(WorkLayout.dataFile(event, java.time.LocalDate.parse("2026-11-21")), 80, records)));
  }
}
