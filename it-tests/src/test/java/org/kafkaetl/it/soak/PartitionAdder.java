package org.kafkaetl.it.soak;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewPartitions;

/**
 * Partitions are added to the topic mid-day and written to before the hour's run: the run must read
 * the new partitions from their earliest offset (nothing written before the ETL first saw them may
 * be skipped), and every later hour writes to them too.
 */
final class PartitionAdder implements FaultInjector {
  private static final int ADDED = 2;

  @Override
  public FaultClass faultClass() {
    return FaultClass.PARTITIONS_ADDED;
  }

  @Override
  public void inject(SimulatedHour hour) throws Exception {
    String topic = hour.scenario.raw;
    int before = hour.partitions();
    int after = before + ADDED;
    hour.env.kafka().admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(after))).all()
        .get(60, TimeUnit.SECONDS);
    BrokerRestarter.awaitLeaders(hour.env.kafka(), topic);
    hour.producer.partitionsAdded(after);
    for (int p = before; p < after; p++) {
      hour.producer.send(p, 10 + hour.random.nextInt(20), hour.index, hour.now.minus(50, ChronoUnit.MINUTES),
          hour.now.minus(6, ChronoUnit.MINUTES));
    }
    hour.markInjected();
    hour.log.line("partitions added: " + topic + " has " + after + " partitions (was " + before + ")");
    hour.runAndMerge();
  }
}
