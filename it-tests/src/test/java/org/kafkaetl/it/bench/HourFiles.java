package org.kafkaetl.it.bench;

import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.layout.WorkLayout;

/**
 * What one hourly run left in the work root, by kind: the NameNode objects an hour costs until
 * cleanup removes it (files and directories alike take NameNode memory).
 *
 * @param dataFiles Avro files of records, one per range and event date
 * @param reports loose range reports under {@code _reports}
 * @param indexes topic indexes the reports were folded into, under {@code _reports/_index}
 * @param errorFiles files of records that could not land, under a topic's {@code _errors}
 * @param otherFiles anything else
 */
record HourFiles(long dataFiles, long reports, long indexes, long errorFiles, long otherFiles, long directories) {
  long files() {
    return dataFiles + reports + indexes + errorFiles + otherFiles;
  }

  static HourFiles count(FileSystem fs, Path workRoot) throws IOException {
    long[] n = new long[6];
    walk(fs, workRoot, n, false);
    return new HourFiles(n[0], n[1], n[5], n[2], n[3], n[4]);
  }

  private static void walk(FileSystem fs, Path dir, long[] n, boolean counted) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      if (s.isDirectory()) {
        n[4]++;
        walk(fs, s.getPath(), n, true);
        continue;
      }
      String parent = s.getPath().getParent().getName();
      if (parent.equals(WorkLayout.REPORTS_DIR)) {
        n[1]++;
      } else if (parent.equals(WorkLayout.INDEX_DIR)) {
        n[5]++;
      } else if (parent.equals(WorkLayout.ERRORS_DIR)) {
        n[2]++;
      } else if (WorkLayout.parseDataFileName(s.getPath().getName()).isPresent()) {
        n[0]++;
      } else {
        n[3]++;
      }
    }
  }
}
