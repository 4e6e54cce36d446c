package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kafkaetl.core.config.EtlConfigTest.problems;
import static org.kafkaetl.core.config.EtlConfigTest.with;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroCompressionConfigTest {
  private static final Schema SCHEMA = SchemaBuilder.record("Line").fields().requiredString("text").endRecord();

  @Test
  void eachCodecTakesItsOwnLevel() {
    assertThat(EtlConfig.parse(with("etl.avro.codec", "zstandard", "etl.avro.zstandard.level", "1",
        "etl.avro.deflate.level", "9")).avroCompression()).isEqualTo(new AvroCompression(AvroCodec.ZSTANDARD, 1));
    assertThat(EtlConfig.parse(with("etl.avro.codec", "deflate", "etl.avro.deflate.level", "1"))
        .avroCompression()).isEqualTo(new AvroCompression(AvroCodec.DEFLATE, 1));
    assertThat(EtlConfig.parse(with("etl.avro.codec", "snappy", "etl.avro.zstandard.level", "7"))
        .avroCompression()).isEqualTo(new AvroCompression(AvroCodec.SNAPPY, 0));
  }

  @Test
  void theDefaultIsZstandardAtItsFastestLevel() {
    assertThat(EtlConfig.parse(with()).avroCompression()).isEqualTo(new AvroCompression(AvroCodec.ZSTANDARD, 1));
    assertThat(EtlConfig.parse(with("etl.avro.codec", "deflate")).avroCompression().level()).isEqualTo(6);
  }

  @Test
  void badLevelsAndCodecsAreNamedWithWhatIsAllowed() {
    assertThat(problems(with("etl.avro.deflate.level", "0", "etl.avro.zstandard.level", "23")))
        .containsExactlyInAnyOrder("etl.avro.deflate.level: must be between 1 and 9 (got '0')",
            "etl.avro.zstandard.level: must be between 1 and 22 (got '23')");
    assertThat(problems(with("etl.avro.zstandard.level", "fast")))
        .containsExactly("etl.avro.zstandard.level: must be an integer (got 'fast')");
    assertThat(problems(with("etl.avro.codec", "zstd")))
        .containsExactly("etl.avro.codec: must be one of null, deflate, snappy, zstandard (got 'zstd')");
  }

  @Test
  void theLevelRoundTripsThroughTheTasksProperties() {
    EtlConfig config = EtlConfig.parse(with("etl.avro.codec", "zstandard", "etl.avro.zstandard.level", "1"));
    Map<String, String> shipped = config.toProperties();
    assertThat(shipped).containsEntry("etl.avro.zstandard.level", "1");
    assertThat(EtlConfig.parse(shipped).avroCompression()).isEqualTo(config.avroCompression());
  }

  /**
   * A level reaches the writer: the same records come out smaller at a higher level, and read back
   * alike. (zstandard's codec lives in zstd-jni, which etl-core does not have; the landing tests of
   * etl-mapreduce write it.)
   */
  @Test
  void theWriterCompressesAtTheConfiguredLevel() throws IOException {
    byte[] fast = write(new AvroCompression(AvroCodec.DEFLATE, 1));
    byte[] small = write(new AvroCompression(AvroCodec.DEFLATE, 9));
    assertThat(small.length).isLessThan(fast.length);
    assertThat(read(small)).isEqualTo(read(fast)).isEqualTo(2000);
  }

  private static byte[] write(AvroCompression compression) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
      writer.setCodec(compression.codecFactory());
      writer.create(SCHEMA, out);
      java.util.Random random = new java.util.Random(3);
      for (int i = 0; i < 2000; i++) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("text", "GET /item/" + random.nextInt(500) + " 200 user-" + random.nextInt(50) + " " + i);
        writer.append(r);
      }
    }
    return out.toByteArray();
  }

  private static int read(byte[] file) throws IOException {
    int n = 0;
    try (DataFileStream<GenericRecord> in =
        new DataFileStream<>(new java.io.ByteArrayInputStream(file), new GenericDatumReader<>())) {
      while (in.hasNext()) {
        in.next();
        n++;
      }
    }
    return n;
  }
}
