package org.kafkaetl.it.soak;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;

/**
 * A space quota one byte above what a directory uses now, so HDFS refuses every new block under it
 * (the effect of a full disk or an exhausted tenant quota), and clearing it again.
 */
final class HdfsQuota implements AutoCloseable {
  private final DistributedFileSystem fs;
  private final Path dir;

  private HdfsQuota(DistributedFileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
  }

  static HdfsQuota exhaust(DistributedFileSystem fs, Path dir) throws IOException {
    fs.mkdirs(dir);
    long used = fs.getContentSummary(dir).getSpaceConsumed();
    fs.setQuota(dir, HdfsConstants.QUOTA_DONT_SET, used + 1);
    return new HdfsQuota(fs, dir);
  }

  @Override
  public void close() throws IOException {
    fs.setQuota(dir, HdfsConstants.QUOTA_DONT_SET, HdfsConstants.QUOTA_RESET);
  }

  @Override
  public String toString() {
    return "space quota on " + dir;
  }
}
