package org.kafkaetl.mapreduce.driver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.config.ConfigException;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.SchemaRegistryConfigDef;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.decode.Decoders;
import org.kafkaetl.core.decode.RegistryUnavailableException;
import org.kafkaetl.core.decode.SchemaLoader;
import org.kafkaetl.core.plan.TopicUnavailable;
import org.kafkaetl.mapreduce.registry.SchemaRegistryClient;

/**
 * Loads each topic's .avsc on the client, so tasks get the schema text in the job configuration
 * and never need the client's files. A path with a scheme (hdfs://...) is read through Hadoop. An
 * avro-confluent topic without a file gets its subject's latest version, read once here: the run's
 * reader schema, the same for every task, whatever is registered while the run goes on.
 */
public final class SchemaFiles {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SchemaFiles.class);
  private SchemaFiles() {}

  /**
   * Every topic's schema.
   *
   * @throws RegistryUnavailableException if the registry does not give a topic's reader schema
   * @throws ConfigException if a registry topic's subject has no usable reader schema
   */
  public static Map<String, Schema> load(EtlConfig config, Configuration hadoopConf) {
    Loaded loaded = loadReadable(config, hadoopConf);
    List<String> noSchema = loaded.unreadable().stream()
        .filter(u -> u.cause() == TopicUnavailable.Cause.NO_READER_SCHEMA).map(TopicUnavailable::detail).toList();
    if (!noSchema.isEmpty()) {
      throw new ConfigException(noSchema);
    }
    if (!loaded.unreadable().isEmpty()) {
      throw new RegistryUnavailableException(loaded.unreadable().stream().map(TopicUnavailable::detail)
          .collect(java.util.stream.Collectors.joining("; ")), null);
    }
    return loaded.schemas();
  }

  /**
   * The schemas of the topics that have one, and the topics whose reader schema the registry could
   * not give: an hourly run reads the others and leaves these for a later run.
   */
  /**
   * @param writers writer schemas by id the registry already gave for this run (each registry
   *     topic's newest versions), handed to the map tasks so they need not ask for them
   */
  public record Loaded(Map<String, Schema> schemas, List<TopicUnavailable> unreadable, Map<Integer, Schema> writers) {
    public Loaded {
      schemas = Map.copyOf(schemas);
      unreadable = List.copyOf(unreadable);
      writers = Map.copyOf(writers);
    }
  }

  /** How many of a subject's newest versions a run fetches for its tasks. */
  static final int PREFETCHED_VERSIONS = 10;

  /**
   * @throws ConfigException if a schema file cannot be read or does not fit its topic's settings: the
   *     configuration is wrong for every run, not only this one (a registry subject that does not
   *     fit is one topic left unread instead)
   */
  public static Loaded loadReadable(EtlConfig config, Configuration hadoopConf) {
    Map<String, Schema> schemas = new HashMap<>();
    List<TopicUnavailable> unreadable = new ArrayList<>();
    Map<Integer, Schema> writers = new HashMap<>();
    SchemaRegistryClient registry = null;
    for (TopicConfig topic : config.topics()) {
      if (topic.schemaFile().isEmpty() && topic.format().schemaFromRegistry()) {
        registry = registry != null ? registry : new SchemaRegistryClient(config.schemaRegistry());
        try {
          schemas.put(topic.name(), latest(registry, topic, config));
          writers.putAll(newestVersions(registry, config.schemaRegistry().subject(topic.name())));
        } catch (RegistryUnavailableException e) {
          unreadable.add(new TopicUnavailable(topic.name(), List.of(), TopicUnavailable.Cause.SCHEMA_REGISTRY,
              "reader schema of topic " + topic.name() + " (subject " + config.schemaRegistry().subject(topic.name())
              + "): " + e.getMessage()));
        } catch (ConfigException e) {
          // one topic's subject (a topic a pattern just matched, say) must not stop the others
          unreadable.add(new TopicUnavailable(topic.name(), List.of(), TopicUnavailable.Cause.NO_READER_SCHEMA,
              String.join("; ", e.problems())));
        }
      } else if (topic.schemaFile().isPresent()) {
        String file = topic.schemaFile().get();
        Schema schema = SchemaLoader.parse(read(file, topic.name(), hadoopConf), file);
        try {
          // What each map task will build: a timestamp or Kafka field that does not fit fails here, once.
          Decoders.create(topic, schema);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(List.of("topic." + topic.name() + ".schema " + file + ": "
              + e.getMessage()));
        }
        schemas.put(topic.name(), schema);
      }
    }
    return new Loaded(schemas, unreadable, writers);
  }

  /** Only saves the tasks requests: without them, each task asks the registry itself. */
  private static Map<Integer, Schema> newestVersions(SchemaRegistryClient registry, String subject) {
    try {
      return registry.newestVersions(subject, PREFETCHED_VERSIONS);
    } catch (RuntimeException e) {
      LOG.warn("the newest versions of subject {} were not fetched for the map tasks, which ask for them: {}",
          subject, e.getMessage());
      return Map.of();
    }
  }

  /**
   * @throws RegistryUnavailableException if the registry does not answer
   * @throws ConfigException if the subject has no version or it does not fit the topic's settings
   */
  private static Schema latest(SchemaRegistryClient registry, TopicConfig topic, EtlConfig config) {
    String subject = config.schemaRegistry().subject(topic.name());
    String key = SchemaRegistryConfigDef.TOPIC_SUBJECT.forTopic(topic.name()).name();
    try {
      Schema schema = registry.latest(subject);
      Decoders.create(topic, schema);
      return schema;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(List.of(key + " " + subject + ": " + e.getMessage()));
    }
  }

  private static String read(String file, String topic, Configuration hadoopConf) {
    try {
      if (file.contains("://")) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        try (InputStream in = path.getFileSystem(hadoopConf).open(path)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new ConfigException(List.of("topic." + topic + ".schema: cannot read " + file + ": " + e));
    }
  }
}
