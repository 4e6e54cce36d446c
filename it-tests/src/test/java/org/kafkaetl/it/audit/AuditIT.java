package org.kafkaetl.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;

/**
 * {@code audit} on data landed and merged by the real {@code run} (raw, JSON with an undecodable
 * message, Avro; two runs): clean, also against Kafka; then each kind of damage made by hand — a
 * record copied into a daily file, an hourly file deleted, an etl_offsets row changed — is found,
 * named, and makes it exit 3.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class AuditIT {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void landedDataAuditsCleanAndEachCorruptionIsNamed(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 2);
    s.set("topic." + s.avro + ".kafka.field", "_kafka");
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    landTwoRuns(s, cli);
    FileSystem fs = env.hadoop().fileSystem();
    assertThat(LandedFiles.dataFiles(fs, new Path(s.workRoot)).stream().filter(f -> f.topicDir().equals(s.avro))
        .flatMap(f -> f.records().stream()).map(r -> (GenericRecord) r.get("_kafka")))
        .as("the Avro topic's records say where in Kafka they were read").isNotEmpty()
        .allSatisfy(k -> assertThat(k.get("topic").toString()).isEqualTo(s.avro));
    RangeRecord first = s.offsetStore().allRanges(s.raw).get(0);
    String date = first.hour().date().toString();

    for (String topic : List.of(s.raw, s.json, s.avro)) {
      EtlCli.Result audit = cli.run("audit", "--topic", topic, "--date", date);
      assertClean(audit, topic, date);
      assertThat(audit.out()).as("the range reports name every JSON/Avro record's offset").doesNotContain("by number");
      assertClean(cli.run("audit", "--topic", topic, "--date", date, "--against-kafka", "--sample-every", "7"), topic, date);
    }
    assertClean(cli.run("audit", "--topic", s.raw, "--from", first.hour().toString()), s.raw,
        first.hour() + "-" + first.hour());
    assertBadArguments(env, cli, s, date);

    aRecordCopiedIntoADailyFileIsNamed(fs, cli, s, date);
    aDeletedHourlyFileIsNamed(fs, cli, s, date);
    assertClean(cli.run("audit", "--topic", s.raw, "--date", date, "--against-kafka"), s.raw, date);
    aRowMovedByHandIsAGap(cli, s, date);
  }

  /** Found in a copy of the daily file written with one record twice; the original is put back after. */
  private static void aRecordCopiedIntoADailyFileIsNamed(FileSystem fs, EtlCli cli, EtlScenario s, String date)
      throws IOException {
    Path daily = new Path(new WarehouseLayout(s.properties().get("etl.warehouse.root")).dailyFile(s.raw,
        LocalDate.parse(date), 0, 0));
    Path original = aside(fs, s, daily);
    assertThat(fs.rename(daily, original)).isTrue();
    long copied = writeWithARecordTwice(fs, original, daily, 3);
    assertProblems(cli.run("audit", "--topic", s.raw, "--date", date), daily.toUri().getPath(),
        "offset " + copied + " repeats");
    fs.delete(daily, false);
    assertThat(fs.rename(original, daily)).isTrue();
  }

  private static void aDeletedHourlyFileIsNamed(FileSystem fs, EtlCli cli, EtlScenario s, String date)
      throws IOException {
    Path hourly = rawDataFile(fs, s, 0);
    Path away = aside(fs, s, hourly);
    assertThat(fs.rename(hourly, away)).isTrue();
    assertProblems(cli.run("audit", "--topic", s.raw, "--date", date), "[MISSING]", hourly.getName());
    assertThat(fs.rename(away, hourly)).isTrue();
    assertClean(cli.run("audit", "--topic", s.raw, "--date", date), s.raw, date);
  }

  /** What a careless UPDATE does: the second row of partition 0 starts one offset later. */
  private static void aRowMovedByHandIsAGap(EtlCli cli, EtlScenario s, String date) throws Exception {
    RangeRecord second = s.offsetStore().allRanges(s.raw).get(1);
    shiftBegin(s, second);
    assertProblems(cli.run("audit", "--topic", s.raw, "--date", date), "[GAP] partition 0",
        "offsets " + second.event().range().begin() + " (1 offset) are in no row");
  }

  /** Where a file is put while the audit looks for it: outside the work and warehouse roots. */
  private static Path aside(FileSystem fs, EtlScenario s, Path file) throws IOException {
    Path dir = new Path(new Path(s.workRoot).getParent(), "aside");
    fs.mkdirs(dir);
    return new Path(dir, file.getName());
  }

  /** Bad arguments exit 2 before anything is read; a database that cannot be reached exits 1. */
  private void assertBadArguments(EtlTestEnvironment env, EtlCli cli, EtlScenario s, String date) {
    assertThat(cli.run("audit", "--topic", s.raw).exitCode()).as("neither --date nor --from").isEqualTo(2);
    assertThat(cli.run("audit", "--topic", s.raw, "--date", "21.11.2026").err()).contains("yyyy-MM-dd");
    assertThat(cli.run("audit", "--topic", s.raw, "--from", "2026112105", "--to", "2026112104").exitCode()).isEqualTo(2);
    EtlCli.Result unknown = cli.run("audit", "--topic", "nope", "--date", date);
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("not in etl.topics");
    Map<String, String> noDatabase = new HashMap<>(s.properties());
    noDatabase.put("db.url", "jdbc:mysql://127.0.0.1:1/nothing");
    EtlCli.Result unreachable = new EtlCli(env.hadoop().configuration(), tmp.resolve("no-db"), noDatabase)
        .run("audit", "--topic", s.raw, "--date", date);
    assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(1);
  }

  /** Two hourly runs (each merges what it landed) over raw, JSON and Avro topics. */
  private static void landTwoRuns(EtlScenario s, EtlCli cli) {
    long now = System.currentTimeMillis();
    s.sendRaw(0, 30, now);
    s.sendRaw(1, 20, now);
    s.sendJson(0, 15, now);
    s.sendUndecodableJson(0);
    s.sendJson(1, 5, now);
    s.sendAvro(1, 12, Instant.ofEpochMilli(now).toString());
    s.sent();
    assertOk(cli.run("run"));
    s.sendRaw(0, 25, now);
    s.sendJson(0, 4, now);
    s.sendAvro(0, 6, Instant.ofEpochMilli(now).toString());
    s.sent();
    assertOk(cli.run("run"));
  }

  /**
   * Writes a copy of an Avro file (same schema, codec and metadata, so the same daily file id) with
   * its {@code index}-th record written twice; returns that record's offset.
   */
  private static long writeWithARecordTwice(FileSystem fs, Path from, Path to, int index) throws IOException {
    List<GenericRecord> records = new ArrayList<>(LandedFiles.read(fs, from));
    records.add(index + 1, records.get(index));
    try (InputStream in = fs.open(from);
        DataFileStream<GenericRecord> original = new DataFileStream<>(in, new GenericDatumReader<>());
        DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(original.getSchema()))) {
      for (String key : original.getMetaKeys()) {
        if (!key.startsWith("avro.")) {
          writer.setMeta(key, original.getMeta(key));
        }
      }
      writer.setCodec(CodecFactory.fromString(original.getMetaString("avro.codec")));
      writer.create(original.getSchema(), fs.create(to, false));
      for (GenericRecord r : records) {
        writer.append(r);
      }
    }
    return (Long) records.get(index).get("offset");
  }

  private static Path rawDataFile(FileSystem fs, EtlScenario s, int partition) throws IOException {
    return LandedFiles.dataFiles(fs, new Path(s.workRoot)).stream().map(LandedFiles.LandedFile::path)
        .filter(p -> p.getName().startsWith(s.raw + "." + partition + ".")).findFirst().orElseThrow();
  }

  private static void shiftBegin(EtlScenario s, RangeRecord row) throws Exception {
    try (Connection c = s.database().connect();
        PreparedStatement ps = c.prepareStatement("UPDATE etl_offsets SET begin_offset = begin_offset + 1"
            + " WHERE topic = ? AND kafka_partition = ? AND begin_offset = ?")) {
      ps.setString(1, row.event().topic());
      ps.setInt(2, row.event().partition().partition());
      ps.setLong(3, row.event().range().begin());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  private static void assertOk(EtlCli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  private static void assertClean(EtlCli.Result r, String topic, String window) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).as(r.toString()).contains("audit " + topic + " " + window + ": CLEAN");
  }

  private static void assertProblems(EtlCli.Result r, String... named) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(r.out()).as(r.toString()).containsPattern(": \\d+ problems?\\n").contains(named);
  }
}
