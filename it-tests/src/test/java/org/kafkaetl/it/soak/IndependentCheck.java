package org.kafkaetl.it.soak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.kafkaetl.it.support.LandedFiles;

/**
 * Compares the warehouse with the producers' own record, reading files with a plain Avro reader and
 * nothing of the ETL's tables: every acknowledged message must be in the daily files once, at the
 * offset Kafka acknowledged and with the payload it was sent with — or, when not merged, at least
 * in an hourly file; missing means lost. A poison message the topic's policies refuse (an event
 * time outside the window; on JSON and Avro topics any undecodable value) must be in an error file
 * once instead, and in no data file; a tombstone a JSON or Avro topic skips must be nowhere. Messages are told apart by their key
 * (the sequence number), so a recreated topic's reused offsets cannot hide a loss.
 */
final class IndependentCheck {
  /** One message, where Kafka put it, and the simulated hour it was written in. */
  record Finding(int partition, long offset, int incarnation, int hour) {
    static Finding of(SoakProducer.Sent s) {
      return new Finding(s.partition(), s.offset(), s.incarnation(), s.hour());
    }
  }

  /** What the reader found. */
  record Result(long checked, List<Finding> lost, List<Finding> duplicated, List<Finding> unmerged,
      List<String> wrong) {
    List<Finding> lostOutside(DeletedRanges deleted) {
      return lost.stream().filter(f -> !deleted.contains(f.partition(), f.incarnation(), f.offset())).toList();
    }

    /** Offsets Kafka deleted before they were read that were found landed anyway. */
    long expectedLossLanded(DeletedRanges deleted, SoakProducer producer) {
      Set<String> lostKeys = new HashSet<>();
      lost.forEach(f -> lostKeys.add(f.partition() + "/" + f.incarnation() + "/" + f.offset()));
      long landed = 0;
      for (DeletedRanges.Range r : deleted.ranges()) {
        for (SoakProducer.Sent s : sentIn(producer, r)) {
          landed += lostKeys.contains(s.partition() + "/" + s.incarnation() + "/" + s.offset()) ? 0 : 1;
        }
      }
      return landed;
    }
  }

  private IndependentCheck() {}

  static Result check(FileSystem fs, Path dailyRoot, Path workRoot, String topic, SoakProducer producer)
      throws IOException {
    List<String> wrong = new ArrayList<>();
    LandedCopies daily = new LandedCopies(producer);
    for (Path file : dataFiles(fs, dailyRoot, "/" + topic + "/")) {
      for (GenericRecord r : LandedFiles.read(fs, file)) {
        SoakProducer.Sent sent = identify(producer, r, file, wrong);
        if (sent != null) {
          daily.add(sent.partition(), sent.seq());
          checkPayload(producer, sent, r, file, wrong);
        }
      }
    }
    LandedCopies hourly = landedInWork(fs, workRoot, topic, producer, wrong);
    LandedCopies errors = inErrorFiles(fs, workRoot, topic, producer, wrong);
    return compare(producer, daily, hourly, errors, wrong);
  }

  /** What the hourly data files and error files under the work root hold now. */
  static LandedCopies landedInWork(FileSystem fs, Path workRoot, String topic, SoakProducer producer,
      List<String> wrong) throws IOException {
    LandedCopies landed = new LandedCopies(producer);
    for (Path file : dataFiles(fs, workRoot, "/" + topic + "/")) {
      for (GenericRecord r : LandedFiles.read(fs, file)) {
        SoakProducer.Sent sent = identify(producer, r, file, wrong);
        if (sent != null) {
          landed.add(sent.partition(), sent.seq());
        }
      }
    }
    return landed;
  }

  static LandedCopies inErrorFiles(FileSystem fs, Path workRoot, String topic, SoakProducer producer,
      List<String> wrong) throws IOException {
    LandedCopies errors = new LandedCopies(producer);
    for (Path file : errorFiles(fs, workRoot, "/" + topic + "/")) {
      for (GenericRecord r : LandedFiles.read(fs, file)) {
        SoakProducer.Sent sent = identify(producer, r, file, wrong);
        if (sent == null) {
          continue;
        }
        errors.add(sent.partition(), sent.seq());
        if (sent.seq() >= 0 || producer.poisons().get(sent.seq()).poison().fate() != Poison.Fate.ERROR_FILE) {
          wrong.add(file + ": offset " + sent.partition() + "/" + sent.offset() + " is in an error file ("
              + r.get("reason") + ")");
        }
      }
    }
    return errors;
  }

  private static Result compare(SoakProducer producer, LandedCopies daily, LandedCopies hourly, LandedCopies errors,
      List<String> wrong) {
    List<Finding> lost = new ArrayList<>();
    List<Finding> duplicated = new ArrayList<>();
    List<Finding> unmerged = new ArrayList<>();
    long checked = 0;
    for (var partition : producer.sent().entrySet()) {
      SentLog log = partition.getValue();
      for (long seq = 0; seq < log.size(); seq++) {
        checked++;
        SoakProducer.Sent s = producer.lookup(partition.getKey(), seq);
        classify(s, daily.copies(s.partition(), seq), hourly.copies(s.partition(), seq) > 0, lost, duplicated, unmerged);
      }
    }
    for (SoakProducer.PoisonSent p : producer.poisons().values()) {
      checked++;
      SoakProducer.Sent s = p.sent();
      int copies = daily.copies(s.partition(), s.seq());
      if (p.poison().fate() == Poison.Fate.SKIPPED) {
        if (copies + hourly.copies(s.partition(), s.seq()) > 0) {
          wrong.add("offset " + s.partition() + "/" + s.offset() + " (" + p.poison().kind()
              + ") landed; it must be skipped");
        }
        continue;
      }
      if (p.poison().fate() == Poison.Fate.ERROR_FILE) {
        if (copies > 0) {
          wrong.add("offset " + s.partition() + "/" + s.offset() + " (" + p.poison().kind()
              + ") landed in a daily file instead of the error file");
        }
        copies += errors.copies(s.partition(), s.seq());
      }
      classify(s, copies, hourly.copies(s.partition(), s.seq()) > 0, lost, duplicated, unmerged);
    }
    return new Result(checked, lost, duplicated, unmerged, wrong);
  }

  private static void classify(SoakProducer.Sent s, int copies, boolean inHourly, List<Finding> lost,
      List<Finding> duplicated, List<Finding> unmerged) {
    if (copies > 1) {
      duplicated.add(Finding.of(s));
    } else if (copies == 0 && inHourly) {
      unmerged.add(Finding.of(s));
    } else if (copies == 0) {
      lost.add(Finding.of(s));
    }
  }

  /** The message a landed record is; null (and a line in {@code wrong}) if none was sent so. */
  private static SoakProducer.Sent identify(SoakProducer producer, GenericRecord r, Path file, List<String> wrong) {
    SoakFormat.Identity id = r.getSchema().getField("reason") != null ? SoakFormat.RAW.identify(r)
        : producer.format().identify(r);
    SoakProducer.Sent sent = id == null ? null : producer.lookup(id.partition(), id.seq());
    if (sent == null) {
      wrong.add(file + ": record " + r + " was never acknowledged to the producer");
    } else if (id.offset() != null && sent.offset() != id.offset()) {
      wrong.add(file + ": sequence " + id.seq() + " of partition " + id.partition() + " landed with offset "
          + id.offset() + "; Kafka acknowledged it at " + sent.offset());
      return null;
    }
    return sent;
  }

  private static void checkPayload(SoakProducer producer, SoakProducer.Sent sent, GenericRecord r, Path file,
      List<String> wrong) {
    if (sent.seq() < 0) {
      ByteBuffer value = (ByteBuffer) r.get("value");
      Poison poison = producer.poisons().get(sent.seq()).poison();
      if (!poison.matches(value == null ? null : SoakFormat.bytes(value))) {
        wrong.add(file + ": offset " + sent.partition() + "/" + sent.offset() + " holds another value than the "
            + poison.kind() + " sent there");
      }
    } else if (!producer.format().holdsWhatWasSent(r, new SoakFormat.Identity(sent.partition(), sent.seq(), null))) {
      wrong.add(file + ": " + sent + " holds another payload than was sent: " + r);
    }
  }

  /** The messages of a deleted range, as the producer recorded them. */
  static List<SoakProducer.Sent> sentIn(SoakProducer producer, DeletedRanges.Range r) {
    List<SoakProducer.Sent> in = new ArrayList<>();
    SentLog log = producer.sent().get(r.partition());
    for (long seq = 0; log != null && seq < log.size(); seq++) {
      if (r.contains(r.partition(), log.incarnation(seq), log.offset(seq))) {
        in.add(producer.lookup(r.partition(), seq));
      }
    }
    // a skipped tombstone is nowhere to be found, deleted or not
    producer.poisons().values().stream().filter(p -> p.poison().fate() != Poison.Fate.SKIPPED)
        .map(SoakProducer.PoisonSent::sent)
        .filter(s -> r.contains(s.partition(), s.incarnation(), s.offset())).forEach(in::add);
    return in;
  }

  /** Data files under root (no error files, no attempt or rebuild leftovers, no reads set aside). */
  private static List<Path> dataFiles(FileSystem fs, Path root, String topicDir) throws IOException {
    return avroFiles(fs, root, s -> s.contains(topicDir) && !s.contains("/_"));
  }

  /** The error files of the hours' current reads (not those of reads set aside under {@code _earlier}). */
  private static List<Path> errorFiles(FileSystem fs, Path workRoot, String topicDir) throws IOException {
    return avroFiles(fs, workRoot, s -> s.contains(topicDir + "_errors/") && s.indexOf("/_") == s.indexOf("/_errors/"));
  }

  private static List<Path> avroFiles(FileSystem fs, Path root, java.util.function.Predicate<String> wanted)
      throws IOException {
    List<Path> files = new ArrayList<>();
    if (!fs.exists(root)) {
      return files;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      String s = p.toString();
      if (s.endsWith(".avro") && wanted.test(s)) {
        files.add(p);
      }
    }
    return files;
  }
}
