package org.kafkaetl.it.support;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/** Hadoop local mode: the job runs in this JVM (LocalJobRunner) on the local file system, no minicluster needed. */
public final class LocalHadoop {
  private LocalHadoop() {}

  public static Configuration configuration(Path tmp) {
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    conf.set("fs.defaultFS", "file:///");
    conf.set("hadoop.tmp.dir", tmp.toString());
    conf.setInt("mapreduce.local.map.tasks.maximum", 2);
    return conf;
  }
}
