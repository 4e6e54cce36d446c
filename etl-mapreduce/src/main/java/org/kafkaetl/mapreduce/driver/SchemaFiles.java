package org.kafkaetl.mapreduce.driver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.config.ConfigException;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.decode.Decoders;
import org.kafkaetl.core.decode.SchemaLoader;

/**
 * Loads each topic's .avsc on the client, so tasks get the schema text in the job configuration
 * and never need the client's files. A path with a scheme (hdfs://...) is read through Hadoop.
 */
public final class SchemaFiles {
  private SchemaFiles() {}

  public static Map<String, Schema> load(EtlConfig config, Configuration hadoopConf) {
    Map<String, Schema> schemas = new HashMap<>();
    for (TopicConfig topic : config.topics()) {
      if (topic.schemaFile().isPresent()) {
        String file = topic.schemaFile().get();
        Schema schema = SchemaLoader.parse(read(file, topic.name(), hadoopConf), file);
        try {
          // What each map task will build: a timestamp or Kafka field that does not fit fails here, once.
          Decoders.create(topic, schema);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(java.util.List.of("topic." + topic.name() + ".schema " + file + ": "
              + e.getMessage()));
        }
        schemas.put(topic.name(), schema);
      }
    }
    return schemas;
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
      throw new ConfigException(java.util.List.of("topic." + topic + ".schema: cannot read " + file + ": " + e));
    }
  }
}
