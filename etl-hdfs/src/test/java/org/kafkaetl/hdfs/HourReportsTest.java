package org.kafkaetl.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.coverage.LandedFile;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.layout.WorkLayout;

/** The reports of an hour directory (and of one laid out like it) on the local file system. */
class HourReportsTest {
  private static final KafkaEvent A = new KafkaEvent(TopicPartition.of("logs", 0), new OffsetRange(0, 10));
  private static final KafkaEvent B = new KafkaEvent(TopicPartition.of("logs", 1), new OffsetRange(5, 20));
  private static final String DATA_A = "logs/2026-11-21/logs.0.0-10.avro";

  @TempDir
  java.nio.file.Path root;

  @Test
  void theReportOfARangeIsReadWhereTheTaskWroteItAndNoneIsEmpty() throws IOException {
    java.nio.file.Path hour = root.resolve("2026112103");
    RangeReport written = report(A);
    write(hour.resolve("_reports/logs.0.0-10.json"), ReportCodec.encode(written));

    HourReports reports = reports(hour);

    assertThat(reports.read(A)).contains(written);
    assertThat(reports.read(B)).isEmpty();
    assertThat(reports.path(A).toUri().getPath()).isEqualTo(hour.resolve("_reports/logs.0.0-10.json").toString());
  }

  @Test
  void aReportThatCannotBeDecodedOrNamesAnotherRangeIsUnreadableSayingWhy() throws IOException {
    java.nio.file.Path hour = root.resolve("2026112103");
    write(hour.resolve(WorkLayout.reportFile(A)), "{\"cut short".getBytes(StandardCharsets.UTF_8));
    write(hour.resolve(WorkLayout.reportFile(B)), ReportCodec.encode(report(A)));

    HourReports reports = reports(hour);

    assertThatThrownBy(() -> reports.read(A)).isInstanceOf(UnreadableReportException.class)
        .hasMessageContaining(WorkLayout.reportFile(A));
    assertThatThrownBy(() -> reports.read(B)).isInstanceOf(UnreadableReportException.class)
        .extracting(e -> ((UnreadableReportException) e).reason()).isEqualTo("it is the report of " + A);
  }

  @Test
  void coverageReadsOnlyListedReportsAndLeavesOutThoseItCannotUse() throws IOException {
    java.nio.file.Path hour = root.resolve("2026112103");
    KafkaEvent c = new KafkaEvent(TopicPartition.of("logs", 2), new OffsetRange(0, 3));
    write(hour.resolve(WorkLayout.reportFile(A)), ReportCodec.encode(report(A)));
    write(hour.resolve(WorkLayout.reportFile(B)), "not json".getBytes(StandardCharsets.UTF_8));
    write(hour.resolve(WorkLayout.reportFile(c)), ReportCodec.encode(report(c)));

    // c's report came after the listing (a late commit): coverage judges the files the listing saw.
    Map<KafkaEvent, RangeReport> read = reports(hour).readListed(List.of(A, B, c),
        Set.of(WorkLayout.reportFile(A), WorkLayout.reportFile(B), DATA_A));

    assertThat(read).containsOnlyKeys(A);
  }

  @Test
  void aSetAsideDirectoryIsReadLikeAnHourAndItsUnreadableReportsAreNamed() throws IOException {
    java.nio.file.Path aside = root.resolve("2026112103").resolve(WorkLayout.EARLIER_DIR).resolve("run-7");
    write(aside.resolve(WorkLayout.reportFile(A)), ReportCodec.encode(report(A)));
    write(aside.resolve(WorkLayout.reportFile(B)), "{\"cut short".getBytes(StandardCharsets.UTF_8));

    HourReports reports = reports(aside);
    HourReports.AllReports all = reports.readAll();

    assertThat(reports.read(A)).contains(report(A));
    assertThat(all.reports()).containsOnlyKeys(A);
    assertThat(all.unreadable()).hasSize(1);
    assertThat(all.unreadable().keySet().iterator().next().getName()).isEqualTo("logs.1.5-20.json");
    assertThat(reports.names()).containsExactlyInAnyOrder("logs.0.0-10.json", "logs.1.5-20.json");
    assertThat(reports(root.resolve("none")).readAll().reports()).isEmpty();
    assertThat(reports(root.resolve("none")).names()).isEmpty();
  }

  @Test
  void aReportMovedToJunkKeepsItsRelativePathAndNoneToMoveIsSaid() throws IOException {
    java.nio.file.Path hour = root.resolve("2026112103");
    write(hour.resolve(WorkLayout.reportFile(A)), ReportCodec.encode(report(A)));
    Path junk = new Path(hour.resolve(WorkLayout.JUNK_DIR).resolve("run-7.not-intact").toString());

    HourReports reports = reports(hour);

    assertThat(reports.moveToJunk(A, junk)).contains("_reports/logs.0.0-10.json");
    assertThat(reports.moveToJunk(B, junk)).isEmpty();
    assertThat(reports.read(A)).isEmpty();
    assertThat(new HourReports(localFs(), junk).read(A)).contains(report(A));
  }

  @Test
  void aReadIsSetAsideReportFirstThenTheFilesItNames() {
    RangeReport described = new RangeReport(A, 10, 9, 1, 100, "", Map.of("2026-11-21", 9L), List.of(),
        List.of(new LandedFile(DATA_A, 80, 9), new LandedFile(WorkLayout.errorFile(A), 20, 1)));
    // Reports written before they described their files: the names their dates and errors stand for.
    RangeReport older = new RangeReport(A, 10, 9, 1, 100, "", Map.of("2026-11-21", 4L, "2026-11-20", 5L), List.of());
    RangeReport olderNoErrors = new RangeReport(A, 10, 9, 0, 100, "", Map.of("2026-11-21", 9L), List.of());

    assertThat(HourReports.pathsOfRead(described))
        .containsExactly("_reports/logs.0.0-10.json", DATA_A, "logs/_errors/logs.0.0-10.errors.avro");
    assertThat(HourReports.pathsOfRead(older)).containsExactly("_reports/logs.0.0-10.json",
        "logs/2026-11-20/logs.0.0-10.avro", DATA_A, "logs/_errors/logs.0.0-10.errors.avro");
    assertThat(HourReports.filesOfRead(olderNoErrors)).containsExactly(DATA_A);
  }

  private static RangeReport report(KafkaEvent event) {
    return new RangeReport(event, event.range().end(), 9, 0, 100, "", Map.of("2026-11-21", 9L), List.of(),
        List.of(new LandedFile(WorkLayout.dataFile(event, java.time.LocalDate.parse("2026-11-21")), 80, 9)));
  }

  private HourReports reports(java.nio.file.Path dir) throws IOException {
    return new HourReports(localFs(), new Path(dir.toString()));
  }

  private static FileSystem localFs() throws IOException {
    return FileSystem.getLocal(new Configuration());
  }

  private static void write(java.nio.file.Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }
}
