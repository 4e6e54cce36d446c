package org.kafkaetl.it.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A merge writer dies mid-append: another HDFS client appends half a block to a daily file, flushes
 * it and never closes, so it keeps the file's lease. The hour's merge runs into that file.
 */
final class MergeWriterKiller implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.MERGE_WRITER_KILLED;
  }

  @Override
  public void inject(SimulatedHour hour) throws Exception {
    SoakRunner.Outcome outcome = hour.runner.run(hour.now, hour.scenario.offsetStore(), offsets -> offsets);
    Optional<Path> daily = newestDailyFile(hour.env.hadoop().fileSystem(),
        new Path(hour.scenario.properties().get("etl.warehouse.root"), hour.scenario.raw));
    FileSystem abandoned = FileSystem.newInstance(hour.env.hadoop().configuration());
    try {
      if (daily.isPresent()) {
        FSDataOutputStream out = abandoned.append(daily.get());
        out.write("half-written block of a killed merge".repeat(50).getBytes(StandardCharsets.UTF_8));
        out.hflush();
        hour.markInjected();
        hour.log.line("abandoned an append to " + daily.get() + " holding its lease");
      } else {
        hour.log.line("no daily file yet; fault not injected");
      }
      hour.mergeAfter(outcome);
    } finally {
      closeDead(abandoned);
    }
  }

  private static Optional<Path> newestDailyFile(FileSystem fs, Path topicDir) throws IOException {
    Path newest = null;
    long newestTime = -1;
    if (!fs.exists(topicDir)) {
      return Optional.empty();
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(topicDir, true);
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      String p = f.getPath().toString();
      if (p.endsWith(".avro") && !p.contains("/_") && f.getModificationTime() > newestTime) {
        newest = f.getPath();
        newestTime = f.getModificationTime();
      }
    }
    return Optional.ofNullable(newest);
  }

  private static void closeDead(FileSystem abandoned) {
    try {
      abandoned.close();
    } catch (IOException expected) {
      // the merge recovered the lease: the dead writer's stream cannot close any more
    }
  }
}
