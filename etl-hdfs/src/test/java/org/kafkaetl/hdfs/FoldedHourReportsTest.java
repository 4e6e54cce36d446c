package org.kafkaetl.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.coverage.LandedFile;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.layout.WorkLayout;

/**
 * The report that counts for a range in an hour whose reports were (partly) folded into topic
 * indexes, set up here by hand: the loose file, a tombstone, the index entry, and how set-aside and
 * junk take an indexed range out of the hour.
 */
class FoldedHourReportsTest {
  private static final KafkaEvent A = new KafkaEvent(TopicPartition.of("logs", 0), new OffsetRange(0, 10));
  private static final KafkaEvent B = new KafkaEvent(TopicPartition.of("logs", 1), new OffsetRange(5, 20));
  private static final KafkaEvent C = new KafkaEvent(TopicPartition.of("logs", 2), new OffsetRange(0, 3));

  @TempDir
  java.nio.file.Path root;
  private java.nio.file.Path hour;
  private CountingFileSystem fs;

  @BeforeEach
  void setUp() throws IOException {
    hour = root.resolve("2026112103");
    fs = new CountingFileSystem();
  }

  @Test
  void aLooseReportOutranksTheIndexATombstoneCountsAsNoneAndTheIndexAnswersOtherwise() throws IOException {
    index(report(A, 4), report(B, 20), report(C, 3));
    loose(report(A, 10));
    write(hour.resolve(WorkLayout.reportFile(B)), LooseReports.TOMBSTONE);
    KafkaEvent unknown = new KafkaEvent(TopicPartition.of("logs", 3), new OffsetRange(0, 1));

    HourReports reports = reports();

    assertThat(reports.read(A)).contains(report(A, 10));
    assertThat(reports.read(B)).isEmpty();
    assertThat(reports.read(C)).contains(report(C, 3));
    assertThat(reports.read(unknown)).isEmpty();
    assertThat(reports(hour.resolve("other")).read(A)).isEmpty();
  }

  @Test
  void coverageTakesTheListedLooseFileElseTheListedIndexAndLooksForNothingElse() throws IOException {
    index(report(A, 4), report(B, 20), report(C, 3));
    loose(report(A, 10));
    write(hour.resolve(WorkLayout.reportFile(B)), LooseReports.TOMBSTONE);

    Map<KafkaEvent, RangeReport> listedAll = reports().readListed(List.of(A, B, C), Set.of(WorkLayout.reportFile(A),
        WorkLayout.reportFile(B), WorkLayout.topicIndexFile("logs")));
    Map<KafkaEvent, RangeReport> indexNotListed = reports().readListed(List.of(A, B, C),
        Set.of(WorkLayout.reportFile(A)));

    assertThat(listedAll).containsOnlyKeys(A, C).containsEntry(A, report(A, 10)).containsEntry(C, report(C, 3));
    assertThat(indexNotListed).containsOnlyKeys(A);
  }

  @Test
  void aTopicIndexIsReadOncePerHourWhileItStaysTheSameFile() throws IOException {
    index(report(A, 10), report(B, 20), report(C, 3));

    HourReports reports = reports();
    for (int i = 0; i < 3; i++) {
      assertThat(reports.read(A)).isPresent();
      assertThat(reports.read(B)).isPresent();
    }
    reports.readListed(List.of(A, B, C), Set.of(WorkLayout.topicIndexFile("logs")));

    assertThat(fs.indexOpens.get()).isEqualTo(1);
  }

  @Test
  void anIndexReadBeforeAFoldDoesNotAnswerForAReportTheFoldMovedIntoIt() throws IOException {
    index(report(A, 4));
    loose(report(B, 20));
    HourReports reports = reports();
    assertThat(reports.read(A)).contains(report(A, 4));

    // A fold between two lookups of the same reader: the new index renamed into place, then B's
    // loose report (and A's newer one, committed by a rerun since) moved away.
    index(report(A, 1_000), report(B, 20));
    Files.delete(hour.resolve(WorkLayout.reportFile(B)));

    assertThat(reports.read(B)).contains(report(B, 20));
    assertThat(reports.read(A)).contains(report(A, 1_000));
  }

  @Test
  void aLookupThatFailsIsTriedOnceMoreWholeAndOnlyThenUnreadable() throws IOException {
    index(report(A, 10));

    fs.failIndexOpens.set(1);
    assertThat(reports().read(A)).contains(report(A, 10));
    fs.failIndexOpens.set(2);
    assertThatThrownBy(() -> reports().read(A)).isInstanceOf(org.kafkaetl.core.RetriableException.class)
        .hasMessageContaining(WorkLayout.topicIndexFile("logs"));
  }

  /**
   * One index stands for every indexed range of its topic: a read of it that fails (a block not
   * there for a moment) must stop coverage and set-aside, not make all of them count as uncommitted
   * and send their intact files to junk.
   */
  @Test
  void anIndexThatCannotBeReadStopsCoverageAndSetAsideBeforeAnythingMoves() throws IOException {
    index(report(A, 10), report(B, 20));
    Path aside = path(hour.resolve(WorkLayout.EARLIER_DIR).resolve("run-7"));
    Path junk = path(hour.resolve(WorkLayout.JUNK_DIR).resolve("run-7.not-intact"));
    fs.failIndexOpens.set(Integer.MAX_VALUE);

    assertThatThrownBy(() -> reports().readListed(List.of(A, B), Set.of(WorkLayout.topicIndexFile("logs"))))
        .isInstanceOf(org.kafkaetl.core.RetriableException.class);
    assertThatThrownBy(() -> reports().setAside(A, aside, path(hour.resolve("_attempts/run-7"))))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> reports().moveToJunk(B, junk)).isInstanceOf(IOException.class);
    fs.failIndexOpens.set(0);
    assertThat(reports().read(A)).contains(report(A, 10));
    assertThat(reports().read(B)).contains(report(B, 20));
    assertThat(fs.exists(aside)).isFalse();
    assertThat(fs.exists(junk)).isFalse();
  }

  @Test
  void anIndexThatIsNotOneIsAnUnreadableReportNamingIt() throws IOException {
    write(hour.resolve(WorkLayout.topicIndexFile("logs")), "{\"cut short".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> reports().read(A)).isInstanceOf(UnreadableReportException.class)
        .hasMessageContaining("unreadable report " + path(hour.resolve(WorkLayout.topicIndexFile("logs"))));
    assertThat(reports().readListed(List.of(A), Set.of(WorkLayout.topicIndexFile("logs")))).isEmpty();
  }

  @Test
  void anIndexEntryFiledUnderAnotherRangesNameIsUnreadable() throws IOException {
    String misfiled = new String(new TopicIndex(Map.of(WorkLayout.baseName(A), report(B, 20))).encode(),
        StandardCharsets.UTF_8);
    write(hour.resolve(WorkLayout.topicIndexFile("logs")), misfiled.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> reports().read(A)).isInstanceOf(UnreadableReportException.class)
        .hasMessageContaining("is the report of " + B);
    assertThat(TopicIndex.decode(new java.io.ByteArrayInputStream(TopicIndex.EMPTY.with(report(A, 4)).encode())))
        .isEqualTo(TopicIndex.EMPTY.with(report(A, 4)));
  }

  @Test
  void settingAsideAnIndexedRangeCopiesTheReportThatCountsAndTombstonesIt() throws IOException {
    index(report(A, 4), report(B, 20));
    loose(report(A, 10));
    loose(report(C, 3));
    Path aside = path(hour.resolve(WorkLayout.EARLIER_DIR).resolve("run-7"));
    Path scratch = path(hour.resolve(WorkLayout.ATTEMPTS_DIR).resolve("run-7"));

    HourReports reports = reports();
    reports.setAside(A, aside, scratch);
    reports.setAside(B, aside, scratch);
    reports.setAside(C, aside, scratch);

    HourReports asideReports = new HourReports(fs, aside);
    assertThat(asideReports.readAll().reports()).containsOnly(Map.entry(A, report(A, 10)),
        Map.entry(B, report(B, 20)), Map.entry(C, report(C, 3)));
    assertThat(reports.read(A)).as("the loose report shadowed an older index entry").isEmpty();
    assertThat(reports.read(B)).isEmpty();
    assertThat(reports.read(C)).isEmpty();
    assertThat(Files.exists(hour.resolve(WorkLayout.reportFile(C)))).as("not indexed: moved, as before").isFalse();
    assertThatThrownBy(() -> reports.setAside(A, aside, scratch)).isInstanceOf(IOException.class);
  }

  @Test
  void anIndexedRangeTakenToJunkTwiceKeepsBothCopies() throws IOException {
    index(report(A, 4));
    Path junk = path(hour.resolve(WorkLayout.JUNK_DIR).resolve("run-7.not-intact"));

    HourReports reports = reports();
    assertThat(reports.moveToJunk(A, junk)).contains(WorkLayout.reportFile(A));
    // An attempt that died after its copy, before its tombstone: the next one copies again.
    Files.delete(hour.resolve(WorkLayout.reportFile(A)));
    assertThat(reports.moveToJunk(A, junk)).contains(WorkLayout.reportFile(A));

    assertThat(reports.read(A)).isEmpty();
    Path otherJunk = path(hour.resolve(WorkLayout.JUNK_DIR).resolve("run-8.not-intact"));
    assertThat(reports.moveToJunk(A, otherJunk)).as("a tombstone holds nothing to keep").isEmpty();
    assertThat(fs.exists(otherJunk)).as("no junk directory made for nothing (it would keep the hour)").isFalse();
    assertThat(new HourReports(fs, junk).read(A)).contains(report(A, 4));
    assertThat(junk.suffix("/" + WorkLayout.reportFile(A) + ".2")).satisfies(p -> assertThat(fs.exists(p)).isTrue());
  }

  private void index(RangeReport... reports) throws IOException {
    TopicIndex index = TopicIndex.EMPTY;
    for (RangeReport report : reports) {
      index = index.with(report);
    }
    write(hour.resolve(WorkLayout.topicIndexFile("logs")), index.encode());
  }

  private void loose(RangeReport report) throws IOException {
    write(hour.resolve(WorkLayout.reportFile(report.event())), ReportCodec.encode(report));
  }

  static RangeReport report(KafkaEvent event, long records) {
    return new RangeReport(event, event.range().end(), records, 0, 100, "", Map.of("2026-11-21", records), List.of(),
        List.of(new LandedFile(WorkLayout.dataFile(event, java.time.LocalDate.parse("2026-11-21")), 80, records)));
  }

  private HourReports reports() {
    return reports(hour);
  }

  private HourReports reports(java.nio.file.Path dir) {
    return new HourReports(fs, path(dir));
  }

  private static Path path(java.nio.file.Path dir) {
    return new Path(dir.toUri());
  }

  private static void write(java.nio.file.Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    java.nio.file.Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temp, content);
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The local file system, counting (and, when asked, failing) the opens of topic indexes. */
  static final class CountingFileSystem extends FilterFileSystem {
    final AtomicInteger indexOpens = new AtomicInteger();
    final AtomicInteger failIndexOpens = new AtomicInteger();

    CountingFileSystem() throws IOException {
      super(FileSystem.getLocal(new Configuration()).getRaw());
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
      if (f.getParent().getName().equals(WorkLayout.INDEX_DIR)) {
        indexOpens.incrementAndGet();
        if (failIndexOpens.getAndDecrement() > 0) {
          throw new IOException("simulated: the block of a replaced index is gone");
        }
      }
      return super.open(f, bufferSize);
    }
  }
}
