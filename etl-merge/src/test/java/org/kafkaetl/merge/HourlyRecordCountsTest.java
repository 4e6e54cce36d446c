package org.kafkaetl.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.hdfs.ReportsOfHours;
import org.kafkaetl.hdfs.TopicIndex;

/** The merge counts an hourly file's records from its report, also when the hour was folded. */
class HourlyRecordCountsTest {
  private static final HourPartition HOUR = HourPartition.parse("2026112103");
  private static final LocalDate DATE = LocalDate.parse("2026-11-21");

  @TempDir
  java.nio.file.Path root;

  @Test
  void aFoldedHoursFilesAreCountedFromItsTopicIndexReadOncePerHour() throws IOException {
    Path hourDir = new Path(root.resolve(HOUR.toString()).toUri());
    CountingFileSystem fs = new CountingFileSystem();
    KafkaEvent a = new KafkaEvent(TopicPartition.of("logs", 0), new OffsetRange(0, 10));
    KafkaEvent b = new KafkaEvent(TopicPartition.of("logs", 1), new OffsetRange(0, 20));
    try (var out = fs.create(new Path(hourDir, WorkLayout.topicIndexFile("logs")))) {
      out.write(TopicIndex.EMPTY.with(report(a, 7)).with(report(b, 13)).encode());
    }
    // One per merge of a topic's day, shared by every partition's merger (and thread).
    HourlyRecordCounts counts = new HourlyRecordCounts(fs, new ReportsOfHours(fs));

    // No data file is read: the counts come from the reports.
    assertThat(counts.count(file(hourDir, a))).isEqualTo(7);
    assertThat(counts.count(file(hourDir, b))).isEqualTo(13);
    assertThat(fs.opened).filteredOn(p -> p.getParent().getName().equals(WorkLayout.INDEX_DIR)).hasSize(1);
  }

  private static HourlyFile file(Path hourDir, KafkaEvent event) {
    return new HourlyFile(event, HOUR, DATE, new Path(hourDir, WorkLayout.dataFile(event, DATE)).toString());
  }

  private static RangeReport report(KafkaEvent event, long records) {
    return new RangeReport(event, event.range().end(), records, 0, 100, "", Map.of(DATE.toString(), records),
        List.of());
  }

  /** The local file system, noting every path opened. */
  private static final class CountingFileSystem extends FilterFileSystem {
    final List<Path> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    CountingFileSystem() throws IOException {
      super(FileSystem.getLocal(new Configuration()).getRaw());
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
      opened.add(f);
      return super.open(f, bufferSize);
    }
  }
}
