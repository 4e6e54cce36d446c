package org.kafkaetl.mapreduce.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.plan.KafkaOffsetsNow;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.TopicUnavailable;
import org.kafkaetl.core.plan.TopicUnavailable.Cause;

/**
 * One topic or partition Kafka cannot answer for is reported and the others are read; Kafka as a
 * whole being unusable still fails. Kafka's Admin result types stand in for a cluster where a
 * partition has no leader (its broker down), which a single-node test broker cannot show.
 */
class KafkaOffsetsReaderTest {
  private static final Node BROKER = new Node(1, "broker-1", 9092);
  private static final Map<String, String> KAFKA = Map.of("bootstrap.servers", "broker-1:9092");

  private final Map<String, KafkaFuture<TopicDescription>> descriptions = new HashMap<>();
  private final Map<TopicPartition, long[]> offsets = new HashMap<>();
  private final List<TopicPartition> listed = new java.util.ArrayList<>();

  @Test
  void aPartitionWithoutLeaderIsNotPlannedAndTheRestOfItsTopicIs() {
    topic("orders", BROKER, null, BROKER);
    topic("clicks", BROKER);

    KafkaOffsetsNow now = reader().read(List.of("orders", "clicks"));

    assertThat(now.partitions()).extracting(p -> p.partition().toString())
        .containsExactly("clicks-0", "orders-0", "orders-2");
    assertThat(now.partitions()).first().extracting(KafkaPartitionOffsets::earliest, KafkaPartitionOffsets::latest)
        .containsExactly(10L, 20L);
    assertThat(now.unavailable()).singleElement().satisfies(u -> {
      assertThat(u.topic()).isEqualTo("orders");
      assertThat(u.partitions()).containsExactly(1);
      assertThat(u.cause()).isEqualTo(Cause.NO_LEADER);
      assertThat(u.incidentKey()).isEqualTo("orders:1:NO_LEADER");
      assertThat(u.detail()).contains("broker-1:9092", "orders", "[1]", "no leader");
    });
    assertThat(listed).as("offsets are not asked for a partition without leader")
        .doesNotContain(new TopicPartition("orders", 1));
  }

  @Test
  void aMissingOrForbiddenTopicIsReportedWhileTheOthersAreRead() {
    topic("clicks", BROKER);
    failing("gone", new UnknownTopicOrPartitionException("This server does not host this topic-partition."));
    failing("secret", new TopicAuthorizationException("Not authorized to access topics: [secret]"));

    KafkaOffsetsNow now = reader().read(List.of("gone", "clicks", "secret"));

    assertThat(now.partitions()).extracting(p -> p.partition().toString()).containsExactly("clicks-0");
    assertThat(now.unavailable()).extracting(TopicUnavailable::topic, TopicUnavailable::cause, TopicUnavailable::wholeTopic)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("gone", Cause.DOES_NOT_EXIST, true),
            org.assertj.core.groups.Tuple.tuple("secret", Cause.NOT_AUTHORIZED, true));
    assertThat(now.unavailable()).filteredOn(u -> u.topic().equals("gone")).singleElement()
        .satisfies(u -> assertThat(u.detail()).contains("topic gone does not exist", "etl.topics"));
    assertThat(now.isUnavailable(org.kafkaetl.core.TopicPartition.of("gone", 3))).isTrue();
    assertThat(now.isUnavailable(org.kafkaetl.core.TopicPartition.of("clicks", 0))).isFalse();
  }

  @Test
  void noTopicReadableIsKafkaUnusable() {
    failing("gone", new UnknownTopicOrPartitionException("no such topic"));
    failing("also-gone", new UnknownTopicOrPartitionException("no such topic"));
    assertThatThrownBy(() -> reader().read(List.of("gone", "also-gone"))).isInstanceOf(EtlException.class)
        .hasMessageContaining("do not exist in Kafka at broker-1:9092").hasMessageContaining("gone");

    descriptions.clear();
    topic("orders", (Node) null);
    failing("clicks", new org.apache.kafka.common.errors.TimeoutException("Timed out waiting for a node assignment."));
    assertThatThrownBy(() -> reader().read(List.of("orders", "clicks"))).isInstanceOf(RetriableException.class)
        .hasMessageContaining("no answer").hasMessageContaining("no configured topic could be read")
        .hasMessageContaining("topic orders partition(s) 0: no leader");

    descriptions.clear();
    failing("orders", new org.apache.kafka.common.errors.TimeoutException("Timed out waiting for a node assignment."));
    failing("clicks", new org.apache.kafka.common.errors.TimeoutException("Timed out waiting for a node assignment."));
    assertThatThrownBy(() -> reader().read(List.of("orders", "clicks"))).isInstanceOf(RetriableException.class)
        .as("an unreachable Kafka stays one line").message().doesNotContain("\n")
        .contains("broker-1:9092", "no answer", "2 failed the same way");
  }

  @Test
  void refusedCredentialsFailTheRunThoughOtherTopicsAnswer() {
    topic("clicks", BROKER);
    failing("orders", new SaslAuthenticationException("Authentication failed: Invalid username or password"));
    assertThatThrownBy(() -> reader().read(List.of("clicks", "orders")))
        .hasMessageContaining("authentication failed");
  }

  @Test
  void theStrictFormFailsOnAnyUnavailablePartition() {
    topic("orders", BROKER, null);
    assertThatThrownBy(() -> reader().offsets(List.of("orders"))).hasMessageContaining("no leader");
  }

  private KafkaOffsetsReader reader() {
    return new KafkaOffsetsReader(admin(), KAFKA, 2_000);
  }

  /** A topic whose partition i has leader leaders[i] (null: none); offsets [10 i + 10, 10 i + 20). */
  private void topic(String name, Node... leaders) {
    List<TopicPartitionInfo> partitions = new java.util.ArrayList<>();
    for (int i = 0; i < leaders.length; i++) {
      partitions.add(new TopicPartitionInfo(i, leaders[i], List.of(BROKER), leaders[i] == null ? List.of() : List.of(BROKER)));
      offsets.put(new TopicPartition(name, i), new long[] {10L * i + 10, 10L * i + 20});
    }
    descriptions.put(name, KafkaFuture.completedFuture(new TopicDescription(name, false, partitions)));
  }

  private void failing(String name, Exception cause) {
    KafkaFutureImpl<TopicDescription> failed = new KafkaFutureImpl<>();
    failed.completeExceptionally(cause);
    descriptions.put(name, failed);
  }

  /** An Admin that answers describeTopics and listOffsets from the maps above. */
  @SuppressWarnings("unchecked")
  private Admin admin() {
    return (Admin) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Admin.class}, (proxy, method, args) -> {
      switch (method.getName()) {
        case "describeTopics" -> {
          Map<String, KafkaFuture<TopicDescription>> asked = new HashMap<>();
          ((Collection<String>) args[0]).forEach(t -> asked.put(t, descriptions.get(t)));
          return new DescribeTopicsResult(null, asked) {};
        }
        case "listOffsets" -> {
          Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> answers = new HashMap<>();
          ((Map<TopicPartition, OffsetSpec>) args[0]).forEach((tp, spec) -> {
            listed.add(tp);
            long offset = offsets.get(tp)[spec instanceof OffsetSpec.EarliestSpec ? 0 : 1];
            answers.put(tp, KafkaFuture.completedFuture(new ListOffsetsResultInfo(offset, -1, Optional.empty())));
          });
          return new ListOffsetsResult(answers);
        }
        case "close" -> {
          return null;
        }
        default -> throw new UnsupportedOperationException(method.getName());
      }
    });
  }
}
