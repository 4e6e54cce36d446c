package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.EVENT;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.HOUR;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.land;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.layout.WorkLayout;

/**
 * The driver dies at every file operation of a re-read in turn (setting the earlier read aside, the
 * job's commit, settling), and the next run recovers: the hour then always holds one intact read of
 * the range, never less than the earlier one, and the new one exactly when it committed.
 */
class EarlierReadsCrashTest {
  /** File operations left before the simulated crash; every one after it fails too. */
  static final AtomicInteger OPERATIONS_LEFT = new AtomicInteger(Integer.MAX_VALUE);

  @TempDir
  java.nio.file.Path root;

  /**
   * Each variant is first run without a crash to count the file operations its re-read takes; then
   * once for every point among them (crash after 0 operations: the first fails; after all of them:
   * none does), each in a directory of its own.
   */
  @TestFactory
  Stream<DynamicContainer> afterACrashAnywhereTheHourHoldsTheEarlierReadOrOneThatKeepsItAll() throws Exception {
    List<DynamicContainer> variants = new ArrayList<>();
    for (boolean indexed : new boolean[] {false, true}) {
      for (boolean jobCommits : new boolean[] {true, false}) {
        String variant = "job committed: " + jobCommits + ", earlier report folded: " + indexed;
        ReRead counted = reRead(hourDir(variant + " counted"), Integer.MAX_VALUE, jobCommits, indexed);
        assertThat(counted.crashed()).as("%s: the re-read without an injected crash failed", variant).isFalse();
        int operations = counted.used();
        assertThat(operations).as("a re-read changes files").isPositive();
        variants.add(DynamicContainer.dynamicContainer(variant + " (" + operations + " operations)",
            IntStream.rangeClosed(0, operations).mapToObj(crashAfter -> DynamicTest.dynamicTest(
                "crash after " + crashAfter + " operations",
                () -> crashAndRecover(hourDir(variant + " " + crashAfter), crashAfter, operations, jobCommits,
                    indexed)))));
      }
    }
    return variants.stream();
  }

  private Path hourDir(String name) {
    return new Path(root.resolve(name.replaceAll("[^a-z0-9]+", "-")).resolve(HOUR.toString()).toUri());
  }

  /**
   * @param indexed whether the earlier read's report was folded into its topic's index: set aside by
   *     a copy and a tombstone, put back over the tombstone
   */
  private static void crashAndRecover(Path hourDir, int crashAfter, int operations, boolean jobCommits,
      boolean indexed) throws Exception {
    FileSystem healthy = ForkFreeLocalFileSystem.initialized().getRaw();
    boolean crashed = reRead(hourDir, crashAfter, jobCommits, indexed).crashed();

    new EarlierReads(ForkFreeLocalFileSystem.configuration(ForkFreeLocalFileSystem.class), hourDir,
        events -> read(healthy, hourDir)).recover(-1);

    assertThat(crashed).as("the crash is injected exactly when operations are left to fail")
        .isEqualTo(crashAfter < operations);
    RangeReport now = read(healthy, hourDir).intact(EVENT)
        .orElseThrow(() -> new AssertionError("no intact read of the range left (crashed: " + crashed + ")"));
    assertThat(now.reached()).as("never less than the earlier read").isGreaterThanOrEqualTo(4);
    if (!crashed) {
      assertThat(now.reached()).as("the new read stands exactly when it committed").isEqualTo(jobCommits ? 10 : 4);
      assertThat(healthy.exists(new Path(hourDir, WorkLayout.reportFile(EVENT))))
          .as("the report that counts lies loose, over the tombstone or the new read's").isTrue();
    }
    assertThat(healthy.exists(new Path(hourDir, WorkLayout.EARLIER_DIR + "/run-7"))).as("nothing left aside").isFalse();
  }

  /** What one re-read with a crash after {@code crashAfter} file operations did. */
  private record ReRead(boolean crashed, int used) {}

  /**
   * Lands the earlier read (folded if {@code indexed}), then sets it aside, lets the job commit a
   * new read (if {@code jobCommits}) and settles, with every file operation after the first
   * {@code crashAfter} failing.
   */
  private static ReRead reRead(Path hourDir, int crashAfter, boolean jobCommits, boolean indexed) throws Exception {
    FileSystem healthy = ForkFreeLocalFileSystem.initialized().getRaw();
    land(healthy, hourDir, 4, "no progress for 60 s");
    if (indexed) {
      EarlierReadFixture.fold(healthy, hourDir);
    }
    OPERATIONS_LEFT.set(crashAfter);
    try {
      EarlierReads earlier = new EarlierReads(crashing(), hourDir, events -> read(healthy, hourDir));
      Map<KafkaEvent, RangeReport> aside = earlier.setAside(7, List.of(EVENT));
      if (jobCommits) {
        land(CrashingFileSystem.initialized(), hourDir, 10, null);
      }
      earlier.settle(7, aside);
      return new ReRead(false, crashAfter - OPERATIONS_LEFT.get());
    } catch (RuntimeException | IOException e) {
      return new ReRead(true, crashAfter);
    } finally {
      OPERATIONS_LEFT.set(Integer.MAX_VALUE);
    }
  }

  private static Configuration crashing() {
    return ForkFreeLocalFileSystem.configuration(CrashingFileSystem.class);
  }

  /** The local file system, whose mutating operations fail once {@link #OPERATIONS_LEFT} runs out. */
  public static final class CrashingFileSystem extends ForkFreeLocalFileSystem {
    static CrashingFileSystem initialized() throws IOException {
      CrashingFileSystem fs = new CrashingFileSystem();
      fs.initialize(java.net.URI.create("file:///"), new Configuration());
      return fs;
    }

    private static void operation() throws IOException {
      if (OPERATIONS_LEFT.getAndDecrement() <= 0) {
        throw new IOException("simulated crash");
      }
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
      operation();
      return super.rename(src, dst);
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
      operation();
      return super.delete(f, recursive);
    }

    @Override
    public boolean mkdirs(Path f) throws IOException {
      operation();
      return super.mkdirs(f);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
        short replication, long blockSize, Progressable progress) throws IOException {
      operation();
      return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }
  }
}
