package research;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.*;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import java.io.File;

/** Starts a one-datanode MiniDFSCluster, copies a local directory into it, prints its URI, waits for stdin EOF / kill. */
public class MiniDfs {
  public static void main(String[] a) throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, "/tmp/research-hive/minidfs");
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    dfs.waitActive();
    FileSystem fs = dfs.getFileSystem();
    fs.copyFromLocalFile(false, true, new Path(new File(a[0]).toURI()), new Path("/warehouse/clicks"));
    fs.setPermission(new Path("/"), new org.apache.hadoop.fs.permission.FsPermission((short) 0777));
    System.out.println("URI " + fs.getUri() + "/warehouse/clicks");
    for (FileStatus s : fs.listStatus(new Path("/warehouse/clicks"))) System.out.println("  " + s.getPath());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
