package org.kafkaetl.it.soak;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.it.fixtures.KafkaFixture;

/**
 * The topic is deleted and created again between two runs, with as many partitions, and written
 * to. The product reads the new incarnation from its start and records the old incarnation's
 * unread offsets as lost. Which offsets those are is decided here, from the files alone: every
 * message of the old incarnation that no hourly data or error file holds at the moment of the
 * deletion is the loss the soak expects; anything landed before must still reach the warehouse.
 */
final class TopicRecreator implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.TOPIC_RECREATED;
  }

  @Override
  public void inject(SimulatedHour hour) throws Exception {
    String topic = hour.scenario.raw;
    SoakProducer producer = hour.producer;
    // written after the last run read the topic: deleted with it before anyone read them
    for (int p = 0; p < producer.partitions(); p++) {
      producer.send(p, 3 + hour.random.nextInt(6), hour.index, hour.now.minus(2, ChronoUnit.MINUTES),
          hour.now.minus(1, ChronoUnit.MINUTES));
    }
    List<DeletedRanges.Range> unread = unread(hour);
    KafkaFixture kafka = hour.env.kafka();
    String oldId = topicId(kafka, topic);
    kafka.deleteTopic(topic);
    org.awaitility.Awaitility.await("topic " + topic + " created again with a new id").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
          kafka.createTopic(topic, producer.partitions());
          return !topicId(kafka, topic).equals(oldId);
        });
    BrokerRestarter.awaitLeaders(kafka, topic);
    producer.topicRecreated();
    unread.forEach(hour.deleted::add);
    hour.markInjected();
    hour.log.line("topic " + topic + " deleted and created again (incarnation " + producer.incarnation()
        + "); unread then, so lost: " + unread);
    for (int p = 0; p < producer.partitions(); p++) {
      producer.send(p, 5 + hour.random.nextInt(10), hour.index, hour.now.minus(4, ChronoUnit.MINUTES),
          hour.now.minus(3, ChronoUnit.MINUTES));
    }
    hour.runAndMerge();
  }

  /** Per partition, the runs of the current incarnation's offsets that no work file holds now. */
  private static List<DeletedRanges.Range> unread(SimulatedHour hour) throws Exception {
    SoakProducer producer = hour.producer;
    List<String> ignored = new ArrayList<>();
    Path work = new Path(hour.scenario.workRoot);
    LandedCopies landed = IndependentCheck.landedInWork(hour.env.hadoop().fileSystem(), work, producer.topic(),
        producer, ignored);
    LandedCopies errors = IndependentCheck.inErrorFiles(hour.env.hadoop().fileSystem(), work, producer.topic(),
        producer, ignored);
    List<SoakProducer.Sent> missing = new ArrayList<>();
    for (var partition : producer.sent().entrySet()) {
      for (long seq = 0; seq < partition.getValue().size(); seq++) {
        missing.add(producer.lookup(partition.getKey(), seq));
      }
    }
    producer.poisons().values().forEach(p -> missing.add(p.sent()));
    missing.removeIf(s -> s.incarnation() != producer.incarnation()
        || landed.copies(s.partition(), s.seq()) + errors.copies(s.partition(), s.seq()) > 0
        || hour.deleted.contains(s.partition(), s.incarnation(), s.offset()));
    missing.sort(java.util.Comparator.comparingInt(SoakProducer.Sent::partition)
        .thenComparingLong(SoakProducer.Sent::offset));
    List<DeletedRanges.Range> ranges = new ArrayList<>();
    DeletedRanges.Range open = null;
    for (SoakProducer.Sent s : missing) {
      if (open != null && open.partition() == s.partition() && open.end() == s.offset()) {
        open = new DeletedRanges.Range(open.partition(), open.incarnation(), open.begin(), s.offset() + 1,
            FaultClass.TOPIC_RECREATED);
      } else {
        if (open != null) {
          ranges.add(open);
        }
        open = new DeletedRanges.Range(s.partition(), s.incarnation(), s.offset(), s.offset() + 1,
            FaultClass.TOPIC_RECREATED);
      }
    }
    if (open != null) {
      ranges.add(open);
    }
    return ranges;
  }

  private static String topicId(KafkaFixture kafka, String topic) throws Exception {
    return kafka.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
        .topicId().toString();
  }
}
