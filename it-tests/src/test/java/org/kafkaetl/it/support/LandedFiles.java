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

  /** Every data file (not error files, not reports) under {@code root}. */
  public static List<LandedFile> dataFiles(FileSystem fs, Path root) throws IOException {
    return avroFiles(fs, root, p -> !p.contains("/_errors/") && !p.contains("/_temporary/"));
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

  public static List<GenericRecord> read(FileSystem fs, Path p) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (InputStream in = fs.open(p);
        DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      stream.forEach(records::add);
    }
    return records;
  }
}
