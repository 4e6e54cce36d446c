package org.kafkaetl.it.soak;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.kafka.clients.admin.TopicDescription;
import org.kafkaetl.it.fixtures.KafkaFixture;

/** Stops the Kafka broker while a mapper reads and starts it again a moment later. */
final class BrokerRestarter implements StrikesWhileReading {
  private static final Duration DOWN = Duration.ofSeconds(3);

  @Override
  public FaultClass faultClass() {
    return FaultClass.BROKER_RESTARTED;
  }

  @Override
  public void strike(SimulatedHour hour, Job job) throws Exception {
    KafkaFixture kafka = hour.env.kafka();
    hour.log.line("stopping the Kafka broker");
    kafka.stopBroker();
    try {
      Thread.sleep(DOWN.toMillis());
    } finally {
      kafka.restartBroker();
      awaitLeaders(kafka, hour.scenario.raw);
      hour.log.line("Kafka broker restarted");
    }
  }

  /** The held-back messages are written right after this: the partitions need a leader again. */
  static void awaitLeaders(KafkaFixture kafka, String topic) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        TopicDescription d = kafka.admin().describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
            .get(topic);
        if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // the broker is still coming up
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no partition leaders of " + topic + " 60 s after the broker restart");
  }
}
