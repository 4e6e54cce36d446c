package org.kafkaetl.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kafkaetl.merge.PartitionMergerTest.DAY;
import static org.kafkaetl.merge.PartitionMergerTest.V1;
import static org.kafkaetl.merge.PartitionMergerTest.V2;
import static org.kafkaetl.merge.PartitionMergerTest.hourly;
import static org.kafkaetl.merge.PartitionMergerTest.offsets;
import static org.kafkaetl.merge.PartitionMergerTest.range;
import static org.kafkaetl.merge.PartitionMergerTest.rewrite;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
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
import org.kafkaetl.core.merge.LedgerEntry;

/**
 * A merge that dies, or loses its lock, at each step of a rebuild or an append: the next merge makes
 * the daily parts what the ledger says, and a merge that lost its lock never cuts back a file the
 * next holder may have written.
 */
class MergeCrashTest {
  @TempDir
  java.nio.file.Path dir;

  private final PartitionMergerTest.MemoryLedger ledger = new PartitionMergerTest.MemoryLedger();
  private FileSystem fs;
  private WarehouseLayout layout;
  private PartitionMerger merger;

  @BeforeEach
  void setUp() throws IOException {
    fs = new RawLocalFileSystem();
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
    layout = new WarehouseLayout(dir.resolve("warehouse").toString());
    merger = merger(() -> true);
  }

  /** A merge that dies as it records a rebuild leaves the daily file and the ledger as they were. */
  @Test
  void aRebuildThatDiesBeforeItIsRecordedLeavesTheDailyFileAsTheLedgerKnowsIt() throws IOException {
    HourlyFile first = hourly(dir, V1, 0, 10);
    merger.append("t", DAY, 0, ledger.entries, List.of(first));
    String id = AvroFiles.fileId(fs, new Path(layout.dailyFile("t", DAY, 0, 0)));
    rewrite(first, 5, 10);
    ledger.replaceFails = true;

    assertThatThrownBy(() -> merger.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of(hourly(dir, V1, 10, 20))))
        .hasMessageContaining("died recording");

    assertThat(AvroFiles.fileId(fs, new Path(layout.dailyFile("t", DAY, 0, 0)))).as("the part the ledger names")
        .isEqualTo(id);
    ledger.replaceFails = false;
    merger.append("t", DAY, 0, List.copyOf(ledger.entries), List.of(hourly(dir, V1, 10, 20)));
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 20));
    assertThat(Files.exists(dir.resolve("warehouse/t/" + DAY + "/_rebuild"))).as("scratch parts dropped").isFalse();
  }

  /** Once the ledger names a rebuild's parts, the next merge moves in what the dead one had not. */
  @Test
  void aRebuildThatDiesAfterItIsRecordedIsFinishedByTheNextMerge() throws IOException {
    aRebuildDiesAfterRecordingIt();
    merger.append("t", DAY, 0, List.copyOf(ledger.entries), List.of(hourly(dir, V1, 20, 25)));

    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 25));
    assertThat(AvroFiles.fileId(fs, new Path(layout.dailyFile("t", DAY, 0, 0))))
        .isEqualTo(ledger.entries.get(0).dailyFileId());
    assertThat(ledger.entries).extracting(LedgerEntry::records).containsExactly(10L, 10L, 5L);
  }

  /** A partition with nothing new is still looked at: its recorded rebuild is moved in. */
  @Test
  void aRecordedRebuildOfAPartitionWithNothingNewIsFinishedByTheNextMergeOfTheDay() throws IOException {
    aRebuildDiesAfterRecordingIt();

    merger.settle("t", DAY, List.copyOf(ledger.entries));

    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 20));
    assertThat(Files.exists(dir.resolve("warehouse/t/" + DAY + "/_rebuild"))).isFalse();
  }

  /** A rebuild to fewer parts that died before removing the old ones: those are removed, not read twice. */
  @Test
  void partsBeyondTheLedgersLastAreRemovedWhateverGapsThereAre() throws IOException {
    merger.append("t", DAY, 0, ledger.entries, List.of(hourly(dir, V1, 0, 5), hourly(dir, V2, 5, 8),
        hourly(dir, V1, 8, 10)));
    List<LedgerEntry> partZeroOnly = ledger.entries.stream().filter(e -> e.part() == 0).toList();
    fs.delete(new Path(layout.dailyFile("t", DAY, 0, 1)), false);

    merger.settle("t", DAY, partZeroOnly);

    assertThat(Files.exists(java.nio.file.Path.of(layout.dailyFile("t", DAY, 0, 0)))).isTrue();
    assertThat(Files.exists(java.nio.file.Path.of(layout.dailyFile("t", DAY, 0, 2)))).as("after a gap").isFalse();
  }

  /** A scratch part that cannot be read for a reason other than a cut-short header is kept, and the merge stops. */
  @Test
  void aScratchPartThatCannotBeReadIsNotDropped() throws IOException {
    HourlyFile first = hourly(dir, V1, 0, 10);
    merger.append("t", DAY, 0, ledger.entries, List.of(first));
    java.nio.file.Path scratch = java.nio.file.Path.of(layout.rebuildFile("t", DAY, 0, 0));
    Files.createDirectories(scratch);
    Files.writeString(scratch.resolve("x"), "a directory where a file should be: reading it fails");

    assertThatThrownBy(() -> merger.settle("t", DAY, List.copyOf(ledger.entries))).isInstanceOf(IOException.class);
    assertThat(Files.exists(scratch)).isTrue();
  }

  /**
   * Merge A appended, lost its lock, and another merge may have cut A's bytes off, appended its own
   * and recorded them: A's refused record must not cut the file back to where A began.
   */
  @Test
  void aMergeThatLostItsLockLeavesTheFileForTheNextHolder() throws IOException {
    merger.append("t", DAY, 0, ledger.entries, List.of(hourly(dir, V1, 0, 10)));
    boolean[] held = {true};
    PartitionMerger losing = merger(() -> held[0]);
    ledger.recordFails = () -> {
      held[0] = false;
      return new IllegalStateException("this merge lost the lock");
    };
    long before = Files.size(java.nio.file.Path.of(layout.dailyFile("t", DAY, 0, 0)));

    assertThatThrownBy(() -> losing.append("t", DAY, 0, List.copyOf(ledger.entries), List.of(hourly(dir, V1, 10, 20))))
        .hasMessageContaining("lost the lock");

    assertThat(Files.size(java.nio.file.Path.of(layout.dailyFile("t", DAY, 0, 0)))).as("not cut back")
        .isGreaterThan(before);
    ledger.recordFails = null;
    merger.append("t", DAY, 0, List.copyOf(ledger.entries), List.of(hourly(dir, V1, 10, 20)));
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).as("the next holder cuts what the ledger does not hold")
        .containsExactlyElementsOf(range(0, 20));
  }

  /** Offsets 0-10 merged; the hourly file shrinks to 5-10; a rebuild with 10-20 dies after its ledger rows. */
  private void aRebuildDiesAfterRecordingIt() throws IOException {
    HourlyFile first = hourly(dir, V1, 0, 10);
    merger.append("t", DAY, 0, ledger.entries, List.of(first));
    rewrite(first, 5, 10);
    ledger.dieAfterReplace = true;
    assertThatThrownBy(() -> merger.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of(hourly(dir, V1, 10, 20))))
        .hasMessageContaining("died after recording");
    ledger.dieAfterReplace = false;
  }

  private PartitionMerger merger(java.util.function.BooleanSupplier lockHeld) {
    return new PartitionMerger(new HdfsFiles(fs, Clock.systemUTC(), Duration.ofSeconds(5)), layout, ledger,
        Clock.systemUTC(), lockHeld);
  }
}
