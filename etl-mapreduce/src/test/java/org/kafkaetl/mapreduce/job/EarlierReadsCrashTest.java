package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.EVENT;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.HOUR;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.land;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.read;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
  /** More file operations than a re-read of the range takes. */
  private static final int LAST_CRASH_POINT = 30;

  @TempDir
  java.nio.file.Path root;

  static List<Arguments> crashPoints() {
    List<Arguments> points = new java.util.ArrayList<>();
    for (int crashAfter = 0; crashAfter <= LAST_CRASH_POINT; crashAfter++) {
      for (boolean indexed : new boolean[] {false, true}) {
        points.add(Arguments.of(crashAfter, true, indexed));
        points.add(Arguments.of(crashAfter, false, indexed));
      }
    }
    return points;
  }

  /**
   * @param indexed whether the earlier read's report was folded into its topic's index: set aside by
   *     a copy and a tombstone, put back over the tombstone
   */
  @ParameterizedTest(name = "crash after {0} operations, job committed: {1}, earlier report folded: {2}")
  @MethodSource("crashPoints")
  void afterACrashAnywhereTheHourHoldsTheEarlierReadOrOneThatKeepsItAll(int crashAfter, boolean jobCommits,
      boolean indexed) throws Exception {
    Path hourDir = new Path(root.resolve(HOUR.toString()).toUri());
    FileSystem healthy = FileSystem.getLocal(new Configuration()).getRaw();
    land(healthy, hourDir, 4, "no progress for 60 s");
    if (indexed) {
      EarlierReadFixture.fold(healthy, hourDir);
    }

    OPERATIONS_LEFT.set(crashAfter);
    boolean crashed = false;
    try {
      EarlierReads earlier = new EarlierReads(crashing(), hourDir, events -> read(healthy, hourDir));
      Map<KafkaEvent, RangeReport> aside = earlier.setAside(7, List.of(EVENT));
      if (jobCommits) {
        land(CrashingFileSystem.initialized(), hourDir, 10, null);
      }
      earlier.settle(7, aside);
    } catch (RuntimeException | IOException e) {
      crashed = true;
    } finally {
      OPERATIONS_LEFT.set(Integer.MAX_VALUE);
    }

    new EarlierReads(new Configuration(), hourDir, events -> read(healthy, hourDir)).recover(-1);

    boolean died = crashed;
    if (crashAfter == 0 || crashAfter == LAST_CRASH_POINT) {
      assertThat(crashed).as("the crash is injected, and the whole re-read fits in the operations tried")
          .isEqualTo(crashAfter == 0);
    }
    RangeReport now = read(healthy, hourDir).intact(EVENT)
        .orElseThrow(() -> new AssertionError("no intact read of the range left (crashed: " + died + ")"));
    assertThat(now.reached()).as("never less than the earlier read").isGreaterThanOrEqualTo(4);
    if (!crashed) {
      assertThat(now.reached()).as("the new read stands exactly when it committed").isEqualTo(jobCommits ? 10 : 4);
      assertThat(healthy.exists(new Path(hourDir, WorkLayout.reportFile(EVENT))))
          .as("the report that counts lies loose, over the tombstone or the new read's").isTrue();
    }
    assertThat(healthy.exists(new Path(hourDir, WorkLayout.EARLIER_DIR + "/run-7"))).as("nothing left aside").isFalse();
  }

  private static Configuration crashing() {
    Configuration conf = new Configuration();
    conf.setClass("fs.file.impl", CrashingFileSystem.class, FileSystem.class);
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }


  /** The local file system, whose mutating operations fail once {@link #OPERATIONS_LEFT} runs out. */
  public static final class CrashingFileSystem extends LocalFileSystem {
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
