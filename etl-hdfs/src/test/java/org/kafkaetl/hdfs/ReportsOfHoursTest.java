package org.kafkaetl.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.kafkaetl.core.coverage.ReadOffsets;
import org.kafkaetl.core.layout.WorkLayout;

/**
 * What the merge keeps of a day's folded hours: it reads every hour's topic index once and holds
 * them all while its threads merge partitions, so it keeps only what it asks of a report.
 */
class ReportsOfHoursTest {
  private static final int HOURS = 12;
  private static final int PARTITIONS = 2_000;
  /** Offset ranges a report's file names: records of several dates interleaved make many. */
  private static final int RANGES_PER_FILE = 100;
  private static final String DATE = "2026-11-21";

  @TempDir
  java.nio.file.Path root;

  @Test
  void aDaysFoldedIndexesAreHeldAsTheRecordCountsAndLossesTheMergeReads() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRaw();
    List<Path> hours = new ArrayList<>();
    for (int h = 0; h < HOURS; h++) {
      Path hourDir = new Path(root.resolve("20261121" + String.format("%02d", h)).toUri());
      Map<String, RangeReport> reports = new java.util.TreeMap<>();
      for (int p = 0; p < PARTITIONS; p++) {
        RangeReport report = detailed(event(p, h));
        reports.put(WorkLayout.baseName(report.event()), report);
      }
      try (var out = fs.create(new Path(hourDir, WorkLayout.topicIndexFile("logs")))) {
        out.write(new TopicIndex(reports).encode());
      }
      hours.add(hourDir);
    }

    long before = heapAfterGc();
    ReportsOfHours day = new ReportsOfHours(fs);
    for (int h = 0; h < HOURS; h++) {
      for (int p = 0; p < PARTITIONS; p++) {
        RangeReport read = day.read(hours.get(h), event(p, h)).orElseThrow();
        assertThat(read.recordsByDate()).containsExactly(Map.entry(DATE, 90L));
        assertThat(read.lost()).containsExactly(new OffsetRange(h * 1000L + 990, h * 1000L + 1000));
      }
    }
    long held = heapAfterGc() - before;
    java.lang.ref.Reference.reachabilityFence(day);

    // Held whole, these 24 000 reports took 193 MB (8 KB each, mostly their files' offsets); what
    // the merge reads of one (counts per date, lost offsets) took 13 MB.
    assertThat(held).as("heap held by %s reports of %s folded hours", HOURS * PARTITIONS, HOURS)
        .isLessThan(25L << 20);
  }

  private static KafkaEvent event(int partition, int hour) {
    return new KafkaEvent(TopicPartition.of("logs", partition), new OffsetRange(hour * 1000L, hour * 1000L + 1000));
  }

  private static RangeReport detailed(KafkaEvent event) {
    List<OffsetRange> offsets = new ArrayList<>();
    long begin = event.range().begin();
    for (int i = 0; i < RANGES_PER_FILE; i++) {
      offsets.add(new OffsetRange(begin + 9 * i, begin + 9 * i + 8));
    }
    LandedFile file = new LandedFile("logs/" + DATE + "/" + WorkLayout.baseName(event) + ".avro", 12_345, 90, offsets);
    return new RangeReport(event, event.range().end(), 90, 0, 12_345, "", Map.of(DATE, 90L),
        List.of(new OffsetRange(event.range().end() - 10, event.range().end())), 0, 0, 0, List.of(file),
        ReadOffsets.of(List.of(), List.of()), 1_000);
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
