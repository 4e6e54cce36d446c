package org.kafkaetl.mapreduce.job;

import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;

/**
 * HDFS client settings for a tool that closes many small files (a map task closes a data file and
 * a report per range; the merge a daily file per partition), applied where the operator has not
 * set them. They reach map tasks through the job configuration and the driver's and merge's file
 * systems through the command's configuration.
 */
public final class HdfsClientDefaults {
  /**
   * When a file is closed before the NameNode has heard from the DataNode that its last block is
   * complete, the client asks again after this delay, doubling it each time. Hadoop's 400 ms made
   * most closes on the minicluster take 420 ms instead of 20 to 100 (docs/performance.md).
   */
  static final String CLOSE_RETRY_DELAY = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";
  static final int CLOSE_RETRY_DELAY_MS = 50;

  private HdfsClientDefaults() {}

  /** Sets each default that {@code conf} takes only from Hadoop's own defaults; returns {@code conf}. */
  public static Configuration apply(Configuration conf) {
    if (onlyDefault(conf, CLOSE_RETRY_DELAY)) {
      conf.setInt(CLOSE_RETRY_DELAY, CLOSE_RETRY_DELAY_MS);
    }
    return conf;
  }

  /** Unset, or set only by a {@code *-default.xml} resource. */
  static boolean onlyDefault(Configuration conf, String key) {
    String[] sources = conf.getPropertySources(key);
    return sources == null || Arrays.stream(sources).allMatch(s -> s.endsWith("-default.xml"));
  }
}
