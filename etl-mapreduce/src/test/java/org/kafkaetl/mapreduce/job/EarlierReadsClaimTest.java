package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.EVENT;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.HOUR;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.land;
import static org.kafkaetl.mapreduce.job.EarlierReadFixture.read;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.offsets.RunFencedException;

/**
 * Two settlers of the same earlier reads, interleaved at one file operation: rerun 7, whose job
 * committed nothing, checked its lock and stalled; the run that took it for dead recovers what it
 * set aside. Whatever the order, one of them settles, the other backs off, and the hour ends with
 * the earlier read intact.
 */
class EarlierReadsClaimTest {

  @TempDir
  java.nio.file.Path root;

  @AfterEach
  void noMoreInterleaving() {
    InterleavingFileSystem.at(p -> false, () -> { });
  }

  @Test
  void aStalledRerunThatWakesWhileTheRunThatTookOverSettlesItsEarlierReadsBacksOff() throws Exception {
    Path hourDir = new Path(root.resolve(HOUR.toString()).toUri());
    FileSystem healthy = FileSystem.getLocal(new Configuration()).getRaw();
    land(healthy, hourDir, 4, "no progress for 60 s");
    EarlierReads stalled = new EarlierReads(new Configuration(), hourDir, events -> read(healthy, hourDir));
    Map<KafkaEvent, RangeReport> aside = stalled.setAside(7, List.of(EVENT));

    // The run that took over is about to put the earlier read's data file back when the stalled rerun wakes.
    AtomicReference<RuntimeException> wokenUp = new AtomicReference<>();
    InterleavingFileSystem.at(op -> op.startsWith("delete ") && op.contains(hourDir + "/logs/"), () -> {
      try {
        stalled.settle(7, aside);
      } catch (RuntimeException e) {
        wokenUp.set(e);
      }
    });
    RuntimeException tookOver = null;
    try {
      new EarlierReads(interleaving(), hourDir, events -> read(healthy, hourDir)).recover(-1);
    } catch (RuntimeException e) {
      tookOver = e;
    }
    new EarlierReads(new Configuration(), hourDir, events -> read(healthy, hourDir)).recover(-1);

    RuntimeException settlerFailure = tookOver;
    RangeReport now = read(healthy, hourDir).intact(EVENT).orElseThrow(() -> new AssertionError(
        "the earlier read is no longer intact: two settlers moved its files at once (the run that took over: "
            + settlerFailure + ")"));
    assertThat(now.reached()).isEqualTo(4);
    assertThat(tookOver).as("the run that took over settles").isNull();
    assertThat(wokenUp.get()).as("the stalled rerun backs off").isInstanceOf(RunFencedException.class);
    assertThat(healthy.listStatus(new Path(hourDir, WorkLayout.EARLIER_DIR))).as("nothing left aside").isEmpty();
  }

  @Test
  void aSettlerOvertakenAfterItsClaimStopsAtItsNextStepAndTheOneThatTookOverFinishes() throws Exception {
    Path hourDir = new Path(root.resolve(HOUR.toString()).toUri());
    FileSystem healthy = FileSystem.getLocal(new Configuration()).getRaw();
    land(healthy, hourDir, 4, "no progress for 60 s");
    EarlierReads stalled = new EarlierReads(interleaving(), hourDir, events -> read(healthy, hourDir));
    Map<KafkaEvent, RangeReport> aside = stalled.setAside(7, List.of(EVENT));

    // Rerun 7 claimed its directory and stalls before putting the data file back; the next run recovers.
    InterleavingFileSystem.at(op -> op.startsWith("status ") && op.contains("/" + WorkLayout.EARLIER_DIR + "/")
        && op.endsWith(".avro"), () -> recover(healthy, hourDir));
    RuntimeException stopped = null;
    try {
      stalled.settle(7, aside);
    } catch (RuntimeException e) {
      stopped = e;
    }

    RangeReport now = read(healthy, hourDir).intact(EVENT)
        .orElseThrow(() -> new AssertionError("the earlier read is no longer intact"));
    assertThat(now.reached()).isEqualTo(4);
    assertThat(stopped).as("the overtaken settler stops").isInstanceOf(RunFencedException.class);
    assertThat(healthy.listStatus(new Path(hourDir, WorkLayout.EARLIER_DIR))).as("nothing left aside").isEmpty();
  }

  private static void recover(FileSystem healthy, Path hourDir) {
    try {
      new EarlierReads(new Configuration(), hourDir, events -> read(healthy, hourDir)).recover(-1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Configuration interleaving() {
    Configuration conf = new Configuration();
    conf.setClass("fs.file.impl", InterleavingFileSystem.class, FileSystem.class);
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }


  /**
   * The local file system, which runs another settler once, at the entry of the first operation
   * ({@code "delete <path>"}, {@code "rename <from>"}, {@code "status <path>"}) a predicate picks.
   */
  public static final class InterleavingFileSystem extends LocalFileSystem {
    private static Predicate<String> when = op -> false;
    private static Runnable other = () -> { };

    static synchronized void at(Predicate<String> operation, Runnable otherSettler) {
      when = operation;
      other = otherSettler;
    }

    private static void operation(String op) {
      Runnable toRun = null;
      synchronized (InterleavingFileSystem.class) {
        if (when.test(op)) {
          toRun = other;
          when = o -> false;
        }
      }
      if (toRun != null) {
        toRun.run();
      }
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
      operation("delete " + f);
      return super.delete(f, recursive);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
      operation("rename " + src);
      return super.rename(src, dst);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      operation("status " + f);
      return super.getFileStatus(f);
    }
  }
}
