package org.kafkaetl.it.soak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.kafkaetl.it.support.LandedFiles;

/**
 * Compares the warehouse with the producers' own record, reading files with a plain Avro reader and
 * nothing of the ETL's tables: every acknowledged message must be in the daily files once, with the
 * payload it was sent with — or, when not merged, at least in an hourly file; missing means lost.
 * A poison message whose event time is outside the window must be in an error file once instead,
 * and in no data file.
 */
final class IndependentCheck {
  /** One message, and the simulated hour it was written in. */
  record Finding(int partition, long offset, int hour) {}

  /** What the reader found. */
  record Result(long checked, List<Finding> lost, List<Finding> duplicated, List<Finding> unmerged,
      List<String> wrong) {
    List<Finding> lostOutside(DeletedRanges deleted) {
      return lost.stream().filter(f -> !deleted.contains(f.partition(), f.offset())).toList();
    }

    long expectedLossLanded(DeletedRanges deleted) {
      Set<Long> lostKeys = new HashSet<>();
      lost.forEach(f -> lostKeys.add(key(f.partition(), f.offset())));
      return deleted.ranges().stream().mapToLong(r -> {
        long landed = 0;
        for (long o = r.begin(); o < r.end(); o++) {
          landed += lostKeys.contains(key(r.partition(), o)) ? 0 : 1;
        }
        return landed;
      }).sum();
    }
  }

  private IndependentCheck() {}

  static Result check(FileSystem fs, Path dailyRoot, Path workRoot, String topic, SoakProducer producer)
      throws IOException {
    Map<Long, Integer> daily = new HashMap<>();
    List<String> wrong = new ArrayList<>();
    for (Path file : avroFiles(fs, dailyRoot, "/" + topic + "/")) {
      for (GenericRecord r : LandedFiles.read(fs, file)) {
        int partition = (Integer) r.get("partition");
        long offset = (Long) r.get("offset");
        daily.merge(key(partition, offset), 1, Integer::sum);
        checkPayload(producer, partition, offset, (ByteBuffer) r.get("value"), file, wrong);
      }
    }
    Set<Long> hourly = new HashSet<>();
    for (Path file : avroFiles(fs, workRoot, "/" + topic + "/")) {
      for (GenericRecord r : LandedFiles.read(fs, file)) {
        hourly.add(key((Integer) r.get("partition"), (Long) r.get("offset")));
      }
    }
    Map<Long, Integer> errors = new HashMap<>();
    for (Path file : errorFiles(fs, workRoot, "/" + topic + "/")) {
      for (GenericRecord r : LandedFiles.read(fs, file)) {
        int partition = (Integer) r.get("partition");
        long offset = (Long) r.get("offset");
        errors.merge(key(partition, offset), 1, Integer::sum);
        SoakProducer.Sent sent = producer.sent().getOrDefault(partition, Map.of()).get(offset);
        if (sent == null || !sent.poison() || producer.poison(sent.seq()).fate() != Poison.Fate.ERROR_FILE) {
          wrong.add(file + ": offset " + partition + "/" + offset + " is in an error file (" + r.get("reason") + ")");
        }
      }
    }
    return compare(producer, daily, hourly, errors, wrong);
  }

  private static Result compare(SoakProducer producer, Map<Long, Integer> daily, Set<Long> hourly,
      Map<Long, Integer> errors, List<String> wrong) {
    List<Finding> lost = new ArrayList<>();
    List<Finding> duplicated = new ArrayList<>();
    List<Finding> unmerged = new ArrayList<>();
    long checked = 0;
    for (var partition : producer.sent().entrySet()) {
      for (var message : partition.getValue().entrySet()) {
        checked++;
        Finding f = new Finding(partition.getKey(), message.getKey(), message.getValue().hour());
        int copies = daily.getOrDefault(key(f.partition(), f.offset()), 0);
        if (message.getValue().poison() && producer.poison(message.getValue().seq()).fate() == Poison.Fate.ERROR_FILE) {
          copies += errors.getOrDefault(key(f.partition(), f.offset()), 0);
          if (daily.containsKey(key(f.partition(), f.offset()))) {
            wrong.add("offset " + f.partition() + "/" + f.offset() + " ("
                + producer.poison(message.getValue().seq()).kind() + ") landed in a daily file instead of the error file");
          }
        }
        if (copies > 1) {
          duplicated.add(f);
        } else if (copies == 0 && hourly.contains(key(f.partition(), f.offset()))) {
          unmerged.add(f);
        } else if (copies == 0) {
          lost.add(f);
        }
      }
    }
    return new Result(checked, lost, duplicated, unmerged, wrong);
  }

  private static void checkPayload(SoakProducer producer, int partition, long offset, ByteBuffer value, Path file,
      List<String> wrong) {
    SoakProducer.Sent sent = producer.sent().getOrDefault(partition, Map.of()).get(offset);
    if (sent == null) {
      wrong.add(file + ": offset " + partition + "/" + offset + " was never acknowledged to the producer");
      return;
    }
    byte[] bytes = null;
    if (value != null) {
      bytes = new byte[value.remaining()];
      value.duplicate().get(bytes);
    }
    if (sent.poison()) {
      if (!producer.poison(sent.seq()).matches(bytes)) {
        wrong.add(file + ": offset " + partition + "/" + offset + " holds another value than the "
            + producer.poison(sent.seq()).kind() + " sent there");
      }
    } else if (!Arrays.equals(bytes, SoakProducer.payload(sent.seq()))) {
      wrong.add(file + ": offset " + partition + "/" + offset + " holds another payload than seq=" + sent.seq());
    }
  }

  /** Data files under root (no error files, no attempt or rebuild leftovers). */
  private static List<Path> avroFiles(FileSystem fs, Path root, String topicDir) throws IOException {
    List<Path> files = new ArrayList<>();
    if (!fs.exists(root)) {
      return files;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      String s = p.toString();
      if (s.endsWith(".avro") && s.contains(topicDir) && !s.contains("/_")) {
        files.add(p);
      }
    }
    return files;
  }

  /** The error files of the hours' current reads (not those of reads set aside under {@code _earlier}). */
  private static List<Path> errorFiles(FileSystem fs, Path workRoot, String topicDir) throws IOException {
    List<Path> files = new ArrayList<>();
    if (!fs.exists(workRoot)) {
      return files;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(workRoot, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      String s = p.toString();
      if (s.endsWith(".avro") && s.contains(topicDir + "_errors/") && s.indexOf("/_") == s.indexOf("/_errors/")) {
        files.add(p);
      }
    }
    return files;
  }

  static long key(int partition, long offset) {
    return ((long) partition << 48) | offset;
  }
}
