package org.kafkaetl.it.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;

/** A topic deleted and created again under the same name, and what landed of it. */
public final class RecreatedTopics {
  private RecreatedTopics() {}

  /** The values (UTF-8) of every raw envelope in the data files under {@code root}. */
  public static List<String> landedValues(EtlTestEnvironment env, String root) throws Exception {
    List<String> values = new ArrayList<>();
    for (LandedFiles.LandedFile f : LandedFiles.dataFiles(env.hadoop().fileSystem(), new Path(root))) {
      for (GenericRecord r : f.records()) {
        ByteBuffer value = ((ByteBuffer) r.get("value")).duplicate();
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        values.add(new String(bytes, StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  public static String topicId(EtlTestEnvironment env, String topic) throws Exception {
    return env.kafka().admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
        .get(topic).topicId().toString();
  }

  /** Deletes the topic, waits until Kafka has forgotten it, and creates it again (a new topic id). */
  public static void recreate(EtlTestEnvironment env, String topic, String oldId) {
    env.kafka().deleteTopic(topic);
    org.awaitility.Awaitility.await("topic " + topic + " recreated with a new id").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
          env.kafka().createTopic(topic, 1);
          return !topicId(env, topic).equals(oldId);
        });
  }
}
