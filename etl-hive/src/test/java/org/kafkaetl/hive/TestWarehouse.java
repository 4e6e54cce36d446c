package org.kafkaetl.hive;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.kafkaetl.core.config.HiveRegisterWhen;
import org.kafkaetl.core.config.HiveSettings;

/** A topic "clicks" published as etl.clicks, and its daily files and completion markers on the local disk. */
final class TestWarehouse {
  private TestWarehouse() {}

  static HiveSettings settings(HiveRegisterWhen when) {
    return new HiveSettings(List.of("thrift://test:9083"), false, Optional.empty(), Duration.ofSeconds(5),
        Duration.ofHours(6), Map.of("clicks", new HiveSettings.HiveTable("etl", "clicks", "dt", when)));
  }

  static FileSystem localFs() {
    try {
      return FileSystem.getLocal(new Configuration()).getRawFileSystem();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A daily file of clicks with {@code records} records, ids 0.. (as strings when the schema says so). */
  static void dailyFile(Path warehouse, LocalDate day, String name, Schema schema, int records) throws IOException {
    File file = warehouse.resolve("clicks/" + day + "/" + name).toFile();
    Files.createDirectories(file.toPath().getParent());
    try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      w.create(schema, file);
      for (int i = 0; i < records; i++) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("id", schema.getField("id").schema().getType() == Schema.Type.LONG ? (Object) (long) i : "x" + i);
        w.append(r);
      }
    }
  }

  static void marker(Path warehouse, LocalDate day, int revision, long records) throws IOException {
    Files.writeString(warehouse.resolve("clicks/" + day + "/_COMPLETE"),
        "{\"revision\": " + revision + ", \"records\": " + records + "}", StandardCharsets.UTF_8);
  }
}
