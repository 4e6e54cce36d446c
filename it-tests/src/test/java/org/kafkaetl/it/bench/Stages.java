package org.kafkaetl.it.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The stages of the map task's hot path, recognised from a stack: a stack counts for the first
 * stage found walking it from the leaf up, so JDK helpers (array copies, string encoding) count for
 * the library that called them.
 */
final class Stages {
  static final String NETWORK_WAIT = "network wait (epoll)";
  static final String OTHER = "other";
  private static final Map<String, Predicate<String>> STAGES = stages();

  private Stages() {}

  static List<String> names() {
    List<String> names = new java.util.ArrayList<>(STAGES.keySet());
    names.add(OTHER);
    return names;
  }

  /** The stage of a stack given as class names, leaf first. */
  static String of(List<String> classesLeafFirst) {
    for (String type : classesLeafFirst) {
      for (Map.Entry<String, Predicate<String>> s : STAGES.entrySet()) {
        if (s.getValue().test(type)) {
          return s.getKey();
        }
      }
    }
    return OTHER;
  }

  private static Map<String, Predicate<String>> stages() {
    Map<String, Predicate<String>> s = new LinkedHashMap<>();
    s.put(NETWORK_WAIT, t -> t.startsWith("sun.nio.ch.EPoll"));
    s.put("compression (deflate/snappy/zstd)", t -> t.equals("java.util.zip.Deflater")
        || t.startsWith("org.apache.avro.file.") && t.endsWith("Codec") || t.startsWith("org.xerial.snappy.")
        || t.startsWith("com.github.luben.zstd."));
    s.put("file checksums (CRC32 of .crc / HDFS packets)", t -> t.equals("java.util.zip.CRC32")
        || t.equals("org.apache.hadoop.util.DataChecksum") || t.startsWith("org.apache.hadoop.util.PureJavaCrc32")
        || t.startsWith("org.apache.hadoop.util.NativeCrc32") || t.equals("org.apache.hadoop.fs.FSOutputSummer")
        || t.startsWith("org.apache.hadoop.fs.ChecksumFileSystem"));
    s.put("Hadoop RPC (NameNode / YARN calls)", t -> t.startsWith("org.apache.hadoop.ipc."));
    s.put("JDBC (MySQL)", t -> t.startsWith("com.mysql."));
    s.put("file I/O (local FS / HDFS client)", t -> t.startsWith("java.io.FileOutputStream")
        || t.startsWith("java.io.FileInputStream")
        || t.startsWith("sun.nio.ch.FileChannelImpl") || t.startsWith("org.apache.hadoop.fs.RawLocalFileSystem")
        || t.startsWith("org.apache.hadoop.hdfs.") || t.startsWith("org.apache.hadoop.fs.FSDataOutputStream"));
    s.put("Avro decode (bare binary)", t -> t.startsWith("org.apache.avro.generic.GenericDatumReader")
        || t.startsWith("org.apache.avro.io.BinaryDecoder") || t.startsWith("org.apache.avro.io.ResolvingDecoder")
        || t.startsWith("org.apache.avro.io.DirectBinaryDecoder") || t.startsWith("org.apache.avro.io.parsing."));
    s.put("Avro encode + container file", t -> t.startsWith("org.apache.avro."));
    s.put("JSON parse (Jackson)", t -> t.startsWith("com.fasterxml.jackson."));
    s.put("JSON to Avro conversion", t -> t.startsWith("org.kafkaetl.core.decode.JsonToAvro"));
    s.put("Kafka consumer (fetch, batches, CRC32C)", t -> t.startsWith("org.apache.kafka."));
    s.put("kafka-etl reader, decoders, lander", t -> t.startsWith("org.kafkaetl."));
    s.put("Hadoop task framework", t -> t.startsWith("org.apache.hadoop."));
    return s;
  }
}
