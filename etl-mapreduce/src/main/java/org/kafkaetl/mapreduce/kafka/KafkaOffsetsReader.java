package org.kafkaetl.mapreduce.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.ConfigException;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.PartitionOffsetsSource;

/**
 * Asks Kafka which partitions the planned topics have and their earliest and latest offsets. Every
 * call is bounded by the timeout; failures come as one line naming the broker ({@link KafkaFailures}).
 */
public final class KafkaOffsetsReader implements PartitionOffsetsSource {
  private final Admin admin;
  private final String bootstrap;
  private final long timeoutMs;
  private final KafkaFailures failures;

  /**
   * @throws ConfigException when the Kafka client refuses the {@code kafka.*} settings (inconsistent
   *     timeouts, SASL without a JAAS configuration, a missing keystore...)
   */
  public KafkaOffsetsReader(Map<String, String> kafkaProperties, long timeoutMs) {
    this.bootstrap = kafkaProperties.getOrDefault("bootstrap.servers", "?");
    this.timeoutMs = timeoutMs;
    this.failures = new KafkaFailures(kafkaProperties);
    try {
      this.admin = Admin.create(ConsumerSettings.forAdmin(kafkaProperties, "kafka-etl-planner"));
    } catch (KafkaException e) {
      throw failures.refusedSettings(e);
    }
  }

  @Override
  public List<KafkaPartitionOffsets> offsets(Collection<String> topics) {
    Map<String, TopicDescription> descriptions = describe(topics);
    List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
    descriptions.values().forEach(d -> d.partitions().forEach(
        p -> partitions.add(new org.apache.kafka.common.TopicPartition(d.name(), p.partition()))));
    Map<org.apache.kafka.common.TopicPartition, ListOffsetsResultInfo> earliest = list(partitions, OffsetSpec.earliest());
    Map<org.apache.kafka.common.TopicPartition, ListOffsetsResultInfo> latest = list(partitions, OffsetSpec.latest());
    List<KafkaPartitionOffsets> result = new ArrayList<>(partitions.size());
    for (org.apache.kafka.common.TopicPartition tp : partitions) {
      result.add(new KafkaPartitionOffsets(TopicPartition.of(tp.topic(), tp.partition()),
          earliest.get(tp).offset(), latest.get(tp).offset()));
    }
    result.sort(Comparator.comparing(KafkaPartitionOffsets::partition));
    return result;
  }

  private Map<String, TopicDescription> describe(Collection<String> topics) {
    Map<String, TopicDescription> descriptions = new HashMap<>();
    List<String> missing = new ArrayList<>();
    var futures = admin.describeTopics(topics).topicNameValues();
    for (String topic : topics) {
      try {
        descriptions.put(topic, futures.get(topic).get(timeoutMs, TimeUnit.MILLISECONDS));
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          missing.add(topic);
        } else {
          throw failures.failed("describing topic " + topic, e.getCause());
        }
      } catch (TimeoutException e) {
        throw failures.noAnswer("describing topic " + topic, "waited " + timeoutMs + " ms", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EtlException("interrupted while asking Kafka for topic metadata", e);
      }
    }
    if (!missing.isEmpty()) {
      throw new EtlException("configured topic(s) " + missing + " do not exist in Kafka at " + bootstrap
          + "; create them or remove them from etl.topics");
    }
    return descriptions;
  }

  private Map<org.apache.kafka.common.TopicPartition, ListOffsetsResultInfo> list(
      List<org.apache.kafka.common.TopicPartition> partitions, OffsetSpec spec) {
    Map<org.apache.kafka.common.TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    try {
      return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw failures.failed("listing offsets", e.getCause());
    } catch (TimeoutException e) {
      throw failures.noAnswer("listing offsets", "waited " + timeoutMs + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtlException("interrupted while listing offsets", e);
    }
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofSeconds(5));
  }
}
