package research;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.security.HadoopThriftAuthBridge;
import java.net.Socket;

/** Starts the metastore inside this JVM (on the classpath of it-tests + HMS), then runs the client probe. */
public class InProcessHms {
  public static void main(String[] a) throws Exception {
    int port = 19084;
    Configuration conf = org.apache.hadoop.hive.metastore.conf.MetastoreConf.newMetastoreConf();   // reads metastore-site.xml from the classpath
    conf.set("metastore.thrift.port", String.valueOf(port));
    long t0 = System.nanoTime();
    Thread t = new Thread(() -> {
      try { HiveMetaStore.startMetaStore(port, HadoopThriftAuthBridge.getBridge(), conf); }
      catch (Throwable e) { e.printStackTrace(); System.exit(3); }
    }, "hms");
    t.setDaemon(true);
    t.start();
    while (true) { try (Socket s = new Socket("127.0.0.1", port)) { break; } catch (Exception e) { Thread.sleep(100); } }
    System.out.printf("in-process HMS up in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    HmsProbe.main(new String[] {"thrift://127.0.0.1:" + port, "file:///tmp/research-hive/data/clicks2"});
    System.out.printf("RSS check now; pid %d%n", ProcessHandle.current().pid());
    System.exit(0);
  }
}
