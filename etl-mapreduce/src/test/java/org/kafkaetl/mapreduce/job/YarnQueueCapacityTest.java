package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.EtlException;

/** Without a cluster: what is asked of a real ResourceManager is proven in RunSizingIT. */
class YarnQueueCapacityTest {
  @Test
  void aJobRunInsideTheDriverHasNoQueueToAsk() {
    Configuration local = new Configuration(false);
    local.set("mapreduce.framework.name", "local");
    assertThat(new YarnQueueCapacity(local).mapTaskSlots()).isEmpty();
  }

  @Test
  void aResourceManagerThatDoesNotAnswerFailsWithinSeconds() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Configuration conf = new Configuration(false);
    conf.set("mapreduce.framework.name", "yarn");
    conf.set("yarn.resourcemanager.address", "127.0.0.1:" + closed);
    long start = System.nanoTime();
    assertThatThrownBy(() -> new YarnQueueCapacity(conf).mapTaskSlots()).isInstanceOf(EtlException.class)
        .hasMessageStartingWith("YARN did not say what queue default can run");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2 * YarnQueueCapacity.CONNECT_WAIT_MS);
  }
}
