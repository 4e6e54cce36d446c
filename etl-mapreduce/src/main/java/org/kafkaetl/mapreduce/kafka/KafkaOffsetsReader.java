package org.kafkaetl.mapreduce.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.ConfigException;
import org.kafkaetl.core.plan.KafkaOffsetsNow;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.core.plan.TopicUnavailable;
import org.kafkaetl.core.plan.TopicUnavailable.Cause;
import org.kafkaetl.kafka.ConsumerSettings;

/**
 * Asks Kafka which partitions the planned topics have and their earliest and latest offsets. Every
 * call is bounded by the timeout; failures come as one line naming the broker ({@link KafkaFailures}).
 * A topic Kafka cannot answer for (missing, not authorized, no answer) or a partition without a
 * leader is reported as unavailable and the others are read; only when no topic can be read at all,
 * or the credentials are refused, is Kafka as a whole unusable.
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
    this(createAdmin(kafkaProperties), kafkaProperties, timeoutMs);
  }

  /** With a given admin client, e.g. a test double that shows a partition without a leader. */
  KafkaOffsetsReader(Admin admin, Map<String, String> kafkaProperties, long timeoutMs) {
    this.admin = admin;
    this.bootstrap = kafkaProperties.getOrDefault("bootstrap.servers", "?");
    this.timeoutMs = timeoutMs;
    this.failures = new KafkaFailures(kafkaProperties);
  }

  private static Admin createAdmin(Map<String, String> kafkaProperties) {
    try {
      return Admin.create(ConsumerSettings.forAdmin(kafkaProperties, "kafka-etl-planner"));
    } catch (KafkaException e) {
      throw new KafkaFailures(kafkaProperties).refusedSettings(e);
    }
  }

  /**
   * Kafka's topic list (without its internal topics), which topic patterns are matched against; only
   * the topics the ETL user may describe are listed.
   *
   * @throws org.kafkaetl.core.RetriableException when Kafka does not give it within the timeout
   */
  public java.util.SortedSet<String> topicNames() {
    try {
      return new java.util.TreeSet<>(admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions()
          .listInternal(false).timeoutMs((int) Math.min(Integer.MAX_VALUE, timeoutMs))).names()
          .get(timeoutMs, TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException e) {
      throw new org.kafkaetl.core.RetriableException("cannot list Kafka's topics at " + bootstrap + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtlException("interrupted while listing Kafka's topics", e);
    }
  }

  @Override
  public List<KafkaPartitionOffsets> offsets(Collection<String> topics) {
    KafkaOffsetsNow now = read(topics);
    if (!now.unavailable().isEmpty()) {
      throw new EtlException(now.unavailable().stream().map(TopicUnavailable::detail).collect(Collectors.joining("\n")));
    }
    return now.partitions();
  }

  @Override
  public KafkaOffsetsNow read(Collection<String> topics) {
    Unavailable unavailable = new Unavailable();
    Map<String, TopicDescription> descriptions = describe(topics, unavailable);
    List<org.apache.kafka.common.TopicPartition> led = new ArrayList<>();
    for (TopicDescription d : descriptions.values()) {
      List<Integer> leaderless = new ArrayList<>();
      for (TopicPartitionInfo p : d.partitions()) {
        if (p.leader() == null || p.leader().isEmpty()) {
          leaderless.add(p.partition());
        } else {
          led.add(new org.apache.kafka.common.TopicPartition(d.name(), p.partition()));
        }
      }
      if (!leaderless.isEmpty()) {
        unavailable.add(new TopicUnavailable(d.name(), leaderless, Cause.NO_LEADER, "Kafka at " + bootstrap
            + ": topic " + d.name() + " partition(s) " + leaderless + " have no leader (the broker hosting them is down?)"),
            null);
      }
    }
    Map<org.apache.kafka.common.TopicPartition, Long> earliest = list(led, OffsetSpec.earliest(), unavailable);
    Map<org.apache.kafka.common.TopicPartition, Long> latest = list(led, OffsetSpec.latest(), unavailable);
    List<KafkaPartitionOffsets> result = new ArrayList<>(led.size());
    for (org.apache.kafka.common.TopicPartition tp : led) {
      if (earliest.containsKey(tp) && latest.containsKey(tp)) {
        result.add(new KafkaPartitionOffsets(TopicPartition.of(tp.topic(), tp.partition()), earliest.get(tp), latest.get(tp),
            topicId(descriptions.get(tp.topic()))));
      }
    }
    if (result.isEmpty() && !unavailable.isEmpty()) {
      throw unavailable.noTopicReadable(topics);
    }
    result.sort(Comparator.comparing(KafkaPartitionOffsets::partition));
    return new KafkaOffsetsNow(result, unavailable.merged());
  }

  /**
   * Kafka's id of the topic's incarnation (a topic deleted and created again gets a new one); null
   * from a broker that keeps no topic ids.
   */
  private static String topicId(TopicDescription description) {
    Uuid id = description.topicId();
    return id == null || Uuid.ZERO_UUID.equals(id) ? null : id.toString();
  }

  private Map<String, TopicDescription> describe(Collection<String> topics, Unavailable unavailable) {
    Map<String, TopicDescription> descriptions = new TreeMap<>();
    var futures = admin.describeTopics(topics).topicNameValues();
    long deadline = deadline();
    for (String topic : topics) {
      String what = "describing topic " + topic;
      try {
        descriptions.put(topic, futures.get(topic).get(remaining(deadline), TimeUnit.MILLISECONDS));
      } catch (ExecutionException e) {
        unavailable.add(topic, List.of(), e.getCause(), failed(what, topic, e.getCause()));
      } catch (TimeoutException e) {
        unavailable.add(topic, List.of(), e, failures.noAnswer(what, "waited " + timeoutMs + " ms", e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EtlException("interrupted while asking Kafka for topic metadata", e);
      }
    }
    return descriptions;
  }

  /** The offsets Kafka gave; partitions it did not answer for are added to {@code unavailable}. */
  private Map<org.apache.kafka.common.TopicPartition, Long> list(List<org.apache.kafka.common.TopicPartition> partitions,
      OffsetSpec spec, Unavailable unavailable) {
    Map<org.apache.kafka.common.TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    Map<org.apache.kafka.common.TopicPartition, Long> offsets = new HashMap<>();
    if (request.isEmpty()) {
      return offsets;
    }
    ListOffsetsResult listed = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
    long deadline = deadline();
    for (org.apache.kafka.common.TopicPartition tp : partitions) {
      String what = "listing offsets of " + tp;
      KafkaFuture<ListOffsetsResultInfo> future = listed.partitionResult(tp);
      try {
        offsets.put(tp, future.get(remaining(deadline), TimeUnit.MILLISECONDS).offset());
      } catch (ExecutionException e) {
        unavailable.add(tp.topic(), List.of(tp.partition()), e.getCause(), failed(what, tp.topic(), e.getCause()));
      } catch (TimeoutException e) {
        unavailable.add(tp.topic(), List.of(tp.partition()), e, failures.noAnswer(what, "waited " + timeoutMs + " ms", e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EtlException("interrupted while listing offsets", e);
      }
    }
    return offsets;
  }

  /** Credentials refused concern every topic: Kafka as a whole cannot be used. */
  private EtlException failed(String what, String topic, Throwable cause) {
    if (cause instanceof AuthenticationException) {
      throw failures.failed(what, cause);
    }
    if (cause instanceof UnknownTopicOrPartitionException) {
      return new EtlException("Kafka at " + bootstrap + ": topic " + topic + " does not exist; create it or remove it"
          + " from etl.topics", cause);
    }
    return failures.failed(what, cause);
  }

  private long deadline() {
    return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
  }

  private static long remaining(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private static Cause causeOf(Throwable cause) {
    if (cause instanceof UnknownTopicOrPartitionException) {
      return Cause.DOES_NOT_EXIST;
    }
    if (cause instanceof AuthorizationException) {
      return Cause.NOT_AUTHORIZED;
    }
    if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return Cause.TIMED_OUT;
    }
    if (cause instanceof LeaderNotAvailableException || cause instanceof NotLeaderOrFollowerException) {
      return Cause.NO_LEADER;
    }
    return Cause.FAILED;
  }

  /** What could not be read, in the order found, with the exception that says why. */
  private final class Unavailable {
    private final Map<TopicUnavailable, EtlException> found = new LinkedHashMap<>();

    void add(String topic, List<Integer> partitions, Throwable cause, EtlException failure) {
      add(new TopicUnavailable(topic, partitions, causeOf(cause), failure.getMessage()), failure);
    }

    void add(TopicUnavailable what, EtlException failure) {
      found.put(what, failure);
    }

    boolean isEmpty() {
      return found.isEmpty();
    }

    /** One entry per topic and cause, the partitions of the listing steps put together. */
    List<TopicUnavailable> merged() {
      Map<String, TopicUnavailable> byTopicAndCause = new LinkedHashMap<>();
      for (TopicUnavailable u : found.keySet()) {
        byTopicAndCause.merge(u.topic() + "|" + u.cause() + "|" + u.wholeTopic(), u, (a, b) -> new TopicUnavailable(
            a.topic(), concat(a.partitions(), b.partitions()), a.cause(), a.partitions().containsAll(b.partitions())
                ? a.detail() : a.detail() + "\n" + b.detail()));
      }
      return List.copyOf(byTopicAndCause.values());
    }

    /**
     * No topic could be read: Kafka as a whole cannot be used (unreachable, or none of the topics
     * exists), which fails the run with the message of what went wrong first.
     */
    EtlException noTopicReadable(Collection<String> topics) {
      List<String> missing = found.keySet().stream().filter(u -> u.cause() == Cause.DOES_NOT_EXIST)
          .map(TopicUnavailable::topic).distinct().toList();
      if (missing.size() == topics.size()) {
        return new EtlException("configured topic(s) " + missing + " do not exist in Kafka at " + bootstrap
            + "; create them or remove them from etl.topics");
      }
      EtlException first = found.values().iterator().next();
      if (found.size() == 1) {
        return first;
      }
      // One cause for all (the usual: Kafka unreachable) stays one line; mixed causes list each topic.
      String why = found.keySet().stream().map(TopicUnavailable::cause).distinct().count() == 1
          ? "; no configured topic could be read (" + found.size() + " failed the same way)"
          : "\nno configured topic could be read:\n" + found.keySet().stream()
              .map(u -> "  " + u.what() + ": " + u.cause().text()).distinct().collect(Collectors.joining("\n"));
      return first instanceof org.kafkaetl.core.RetriableException
          ? new org.kafkaetl.core.RetriableException(first.getMessage() + why, first)
          : new EtlException(first.getMessage() + why, first);
    }
  }

  private static List<Integer> concat(List<Integer> a, List<Integer> b) {
    List<Integer> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofSeconds(5));
  }
}
