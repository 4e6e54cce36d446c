package org.kafkaetl.mapreduce.job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.security.Credentials;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.Secrets;
import org.kafkaetl.core.plan.MapperAssignment;

/**
 * What the driver hands the tasks through the job configuration: the tool's configuration (never
 * the database password), each topic's schema text, and the planned input splits.
 */
public final class JobSettings {
  static final String CONFIG_PREFIX = "kafka.etl.config.";
  static final String SCHEMA_PREFIX = "kafka.etl.schema.";
  static final String WRITER_SCHEMA_PREFIX = "kafka.etl.registry.schema.";
  static final String SPLITS = "kafka.etl.splits";
  static final String RUN_ID = "kafka.etl.run.id";
  /** Events a read resumes where an earlier read stopped: "topic:partition:begin:end@from,...". */
  static final String RESUME = "kafka.etl.resume";
  /** How often {@code Job.waitForCompletion} asks whether the job is done. */
  static final String COMPLETION_POLL = "mapreduce.client.completion.pollinterval";
  static final int COMPLETION_POLL_MS = 500;
  static final String MAP_VCORES = MRJobConfig.MAP_CPU_VCORES;
  /** With etl.read.ahead a map task keeps two threads busy: reading Kafka ({@link ReadAhead}) and landing. */
  static final int READ_AHEAD_VCORES = 2;

  private JobSettings() {}

  /**
   * Writes what the tasks need. Secret values (judged by {@link Secrets#isSecretKey}, e.g. Kafka's
   * {@code sasl.jaas.config}) go into the job's {@code credentials}, never into job.xml, which the
   * history server and the staging directory show to whoever may view the job.
   */
  public static void write(Configuration conf, Credentials credentials, EtlConfig config,
      Map<String, Schema> schemas, List<MapperAssignment> assignments, long runId) {
    config.toProperties().forEach((k, v) -> {
      if (Secrets.isSecretKey(k)) {
        credentials.addSecretKey(new Text(CONFIG_PREFIX + k), v.getBytes(StandardCharsets.UTF_8));
      } else {
        conf.set(CONFIG_PREFIX + k, v);
      }
    });
    schemas.forEach((topic, schema) -> conf.set(SCHEMA_PREFIX + topic, schema.toString()));
    conf.set(SPLITS, encodeSplits(assignments));
    conf.setLong(RUN_ID, runId);
  }

  /**
   * Hadoop's default completion poll of 5 s made every run (and rerun) last up to 5 s longer than
   * its job; 500 ms unless the operator set it (e.g. {@code -D mapreduce.client.completion.pollinterval=...}).
   */
  static void shortenCompletionPoll(Configuration conf) {
    if (HdfsClientDefaults.onlyDefault(conf, COMPLETION_POLL)) {
      conf.setInt(COMPLETION_POLL, COMPLETION_POLL_MS);
    }
  }

  /**
   * What one map task asks YARN for, as far as the tool's settings decide it: with etl.read.ahead at
   * least {@link #READ_AHEAD_VCORES} vcores, a higher {@code mapreduce.map.cpu.vcores} staying as set.
   * Applied to the job and to what run sizing asks the queue ({@link YarnQueueCapacity}), so both count
   * the same request. Returns {@code conf}.
   */
  static Configuration declareMapTaskResources(Configuration conf, EtlConfig config) {
    if (config.readAhead() && conf.getInt(MAP_VCORES, MRJobConfig.DEFAULT_MAP_CPU_VCORES) < READ_AHEAD_VCORES) {
      conf.setInt(MAP_VCORES, READ_AHEAD_VCORES);
    }
    return conf;
  }

  /** The tool's configuration as the driver wrote it, secrets taken from the task's credentials. */
  public static EtlConfig config(Configuration conf, Credentials credentials) {
    Map<String, String> properties = new HashMap<>(conf.getPropsWithPrefix(CONFIG_PREFIX));
    for (Text alias : credentials.getAllSecretKeys()) {
      String name = alias.toString();
      if (name.startsWith(CONFIG_PREFIX)) {
        properties.put(name.substring(CONFIG_PREFIX.length()),
            new String(credentials.getSecretKey(alias), StandardCharsets.UTF_8));
      }
    }
    return EtlConfig.parse(properties);
  }

  /** Writer schemas by registry id that the run already has, for the tasks' registry clients. */
  static void writeWriterSchemas(Configuration conf, Map<Integer, Schema> writers) {
    writers.forEach((id, schema) -> conf.set(WRITER_SCHEMA_PREFIX + id, schema.toString()));
  }

  public static Map<Integer, Schema> writerSchemas(Configuration conf) {
    Map<Integer, Schema> writers = new HashMap<>();
    conf.getPropsWithPrefix(WRITER_SCHEMA_PREFIX).forEach((id, text) ->
        writers.put(Integer.parseInt(id), new Schema.Parser().parse(text)));
    return writers;
  }

  public static Map<String, Schema> schemas(Configuration conf) {
    Map<String, Schema> schemas = new HashMap<>();
    conf.getPropsWithPrefix(SCHEMA_PREFIX).forEach((topic, text) -> schemas.put(topic, new Schema.Parser().parse(text)));
    return schemas;
  }

  public static List<List<KafkaEvent>> splits(Configuration conf) {
    String text = conf.get(SPLITS, "");
    List<List<KafkaEvent>> splits = new ArrayList<>();
    for (String split : text.isEmpty() ? new String[0] : text.split(";")) {
      List<KafkaEvent> events = new ArrayList<>();
      for (String event : split.split(",")) {
        events.add(decodeEvent(event));
      }
      splits.add(events);
    }
    return splits;
  }

  /** Tells the tasks which events continue an earlier read, and from which offset. */
  static void writeResumed(Configuration conf, Map<KafkaEvent, Long> from) {
    StringBuilder sb = new StringBuilder();
    from.forEach((event, offset) -> sb.append(sb.length() > 0 ? "," : "").append(encodeEvent(event)).append('@')
        .append(offset));
    conf.set(RESUME, sb.toString());
  }

  /** The events a task resumes, with the offset each continues from; see {@link #writeResumed}. */
  static Map<KafkaEvent, Long> resumed(Configuration conf) {
    Map<KafkaEvent, Long> from = new HashMap<>();
    String text = conf.get(RESUME, "");
    for (String entry : text.isEmpty() ? new String[0] : text.split(",")) {
      int at = entry.lastIndexOf('@');
      from.put(decodeEvent(entry.substring(0, at)), Long.parseLong(entry.substring(at + 1)));
    }
    return from;
  }

  /** Compact form "topic:partition:begin:end,...;..." keeps job.xml small with many partitions. */
  static String encodeSplits(List<MapperAssignment> assignments) {
    StringBuilder sb = new StringBuilder();
    for (MapperAssignment a : assignments) {
      if (sb.length() > 0) {
        sb.append(';');
      }
      for (int i = 0; i < a.events().size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(encodeEvent(a.events().get(i)));
      }
    }
    return sb.toString();
  }

  static String encodeEvent(KafkaEvent e) {
    return e.topic() + ":" + e.partition().partition() + ":" + e.range().begin() + ":" + e.range().end();
  }

  static KafkaEvent decodeEvent(String text) {
    String[] f = text.split(":");
    if (f.length != 4) {
      throw new IllegalArgumentException("malformed event '" + text + "', expected topic:partition:begin:end");
    }
    return new KafkaEvent(TopicPartition.of(f[0], Integer.parseInt(f[1])),
        new OffsetRange(Long.parseLong(f[2]), Long.parseLong(f[3])));
  }
}
