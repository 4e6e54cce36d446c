package org.kafkaetl.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Reads landed Avro files back with a plain Avro reader, independent of the code that wrote them. */
public final class LandedFiles {
  private LandedFiles() {}

  /** One landed data file and its records. */
  public record LandedFile(Path path, List<GenericRecord> records) {
    public String name() {
      return path.getName();
    }

    public String dateDir() {
      return path.getParent().getName();
    }

    public String topicDir() {
      return path.getParent().getParent().getName();
    }
  }

  /**
   * Every data file (not error files, not reports, not reads set aside or moved to junk) under
   * {@code root}.
   */
  public static List<LandedFile> dataFiles(FileSystem fs, Path root) throws IOException {
    return avroFiles(fs, root, p -> !p.contains("/_errors/") && !p.contains("/_temporary/") && !p.contains("/_attempts/")
        && !p.contains("/_earlier/") && !p.contains("/_junk/"));
  }

  /** Every error file under {@code root}. */
  public static List<LandedFile> errorFiles(FileSystem fs, Path root) throws IOException {
    return avroFiles(fs, root, p -> p.contains("/_errors/"));
  }

  private static List<LandedFile> avroFiles(FileSystem fs, Path root, Predicate<String> wanted) throws IOException {
    List<LandedFile> files = new ArrayList<>();
    if (!fs.exists(root)) {
      return files;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      if (p.getName().endsWith(".avro") && wanted.test(p.toString())) {
        files.add(new LandedFile(p, read(fs, p)));
      }
    }
    return files;
  }

  /**
   * Kafka offsets per partition in the raw-envelope files under {@code root} (hourly or daily),
   * sorted; duplicates stay, so "exactly once" is an equality with what was sent.
   */
  public static java.util.Map<Integer, List<Long>> envelopeOffsets(FileSystem fs, Path root) throws IOException {
    java.util.Map<Integer, List<Long>> offsets = new java.util.TreeMap<>();
    for (LandedFile f : dataFiles(fs, root)) {
      for (GenericRecord r : f.records()) {
        offsets.computeIfAbsent((Integer) r.get("partition"), k -> new ArrayList<>()).add((Long) r.get("offset"));
      }
    }
    offsets.values().forEach(l -> l.sort(Long::compare));
    return offsets;
  }

  /** The same, keyed by topic partition, to compare with {@code EtlScenario.sent()}. */
  public static java.util.Map<org.kafkaetl.core.TopicPartition, List<Long>> envelopeOffsets(FileSystem fs, Path root,
      String topic) throws IOException {
    java.util.Map<org.kafkaetl.core.TopicPartition, List<Long>> byTp = new java.util.TreeMap<>();
    envelopeOffsets(fs, root).forEach((p, o) -> byTp.put(org.kafkaetl.core.TopicPartition.of(topic, p), o));
    return byTp;
  }

  public static List<GenericRecord> read(FileSystem fs, Path p) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (InputStream in = fs.open(p);
        DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      stream.forEach(records::add);
    }
    return records;
  }
}
