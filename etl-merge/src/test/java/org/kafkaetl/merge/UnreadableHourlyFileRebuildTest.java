package org.kafkaetl.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kafkaetl.merge.PartitionMergerTest.DAY;
import static org.kafkaetl.merge.PartitionMergerTest.V1;
import static org.kafkaetl.merge.PartitionMergerTest.offsets;
import static org.kafkaetl.merge.PartitionMergerTest.range;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.core.merge.HourlyFile;

/**
 * A rebuild meeting a merged hourly file that is there but cannot be read (a block whose DataNodes
 * are down, a damaged file): its range's report says it was read in full, which is also what a
 * re-read that moved every record to another date leaves, but nothing says where these records went.
 */
class UnreadableHourlyFileRebuildTest {
  @TempDir
  java.nio.file.Path dir;

  private final PartitionMergerTest.MemoryLedger ledger = new PartitionMergerTest.MemoryLedger();
  private FileSystem fs;
  private PartitionMerger merger;
  private WarehouseLayout layout;

  @BeforeEach
  void setUp() throws IOException {
    fs = new RawLocalFileSystem();
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
    layout = new WarehouseLayout(dir.resolve("warehouse").toString());
    merger = new PartitionMerger(new HdfsFiles(fs, Clock.systemUTC(), Duration.ofSeconds(5)), layout, ledger,
        Clock.systemUTC());
  }

  @Test
  void aMergedFileThatCannotBeReadButIsTheOneMergedIsTakenFromTheDailyFile() throws IOException {
    HourlyFile first = mergedThenDamaged();
    fs.setTimes(new Path(first.path()), first.modifiedAt().toEpochMilli(), -1);

    merger.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of());

    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 20));
    assertThat(ledger.entries).extracting(e -> e.records()).containsExactly(10L, 10L);
  }

  @Test
  void aMergedFileThatCannotBeReadAndWasWrittenAgainStopsTheRebuildAndTheDailyFileStays() throws IOException {
    HourlyFile first = mergedThenDamaged();
    fs.setTimes(new Path(first.path()), first.modifiedAt().plusSeconds(60).toEpochMilli(), -1);

    assertThatThrownBy(() -> merger.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(first.path()).hasMessageContaining("cannot be read")
        .hasMessageContaining("nothing was changed");

    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 20));
    assertThat(ledger.entries).extracting(e -> e.records()).containsExactly(10L, 10L);
  }

  /**
   * Offsets 0-19 merged from two hourly files; the first's range has the report of a read without
   * loss, and eight bytes that are not Avro where its file was. Returns the first as merged.
   */
  private HourlyFile mergedThenDamaged() throws IOException {
    HourlyFile first = listed(PartitionMergerTest.hourly(dir, V1, 0, 10));
    HourlyFile second = listed(PartitionMergerTest.hourly(dir, V1, 10, 20));
    merger.append("t", DAY, 0, ledger.entries, List.of(first, second));
    PartitionMergerTest.writeReport(first, List.of());
    Files.write(java.nio.file.Path.of(java.net.URI.create(first.path())), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    return first;
  }

  private HourlyFile listed(HourlyFile file) throws IOException {
    return file.withModifiedAt(Instant.ofEpochMilli(fs.getFileStatus(new Path(file.path())).getModificationTime()));
  }
}
