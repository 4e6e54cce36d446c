package org.kafkaetl.it.demo;

import static org.kafkaetl.it.demo.Demo.AUDIT_LOG;
import static org.kafkaetl.it.demo.Demo.PAGE_VIEWS;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.it.demo.Demo.Sent;
import org.kafkaetl.it.fixtures.MariaDbFixture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LandedFiles.LandedFile;

/**
 * The demo's second half: the daily warehouse files the two runs merged into
 * ({@code etl.merge.after.run}), read back with a plain Avro {@link DataFileReader}; the merge ledger;
 * checks that the daily files hold every landed record exactly once, per partition in Kafka offset
 * order, and that each ledger row's byte range holds exactly its hourly file's records; then
 * {@code merge} again (appends nothing) and {@code merge --rebuild} (same content).
 */
final class WarehouseReport {
  /** {@code <topic>.<partition>.avro}, or {@code <topic>.<partition>.part-<n>.avro} after a schema change. */
  private static final Pattern DAILY_NAME = Pattern.compile("(.+)\\.(\\d+)(?:\\.part-(\\d+))?\\.avro");
  /** The daily file's id in its Avro metadata (DailyFileAppender.FILE_ID, package-private in etl-merge). */
  private static final String FILE_ID = "kafka.etl.daily.id";
  private static final String LEDGER_COMPACT = "SELECT topic, kafka_partition AS p, event_date,"
      + " CONCAT(begin_offset, '-', end_offset) AS offsets, hour, SUBSTRING_INDEX(hourly_path, '/', -1) AS hourly_file,"
      + " SUBSTRING_INDEX(daily_path, '/', -1) AS daily_file, part, LEFT(daily_file_id, 8) AS file_id,"
      + " CONCAT(byte_begin, '-', byte_end) AS bytes, records, merged_at_utc"
      + " FROM etl_merge_ledger ORDER BY topic, event_date, kafka_partition, begin_offset";
  private static final String LEDGER_FULL = "SELECT topic, kafka_partition, event_date, begin_offset, end_offset,"
      + " hour, hourly_path, daily_path, part, daily_file_id, byte_begin, byte_end, records, merged_at_utc"
      + " FROM etl_merge_ledger ORDER BY topic, event_date, kafka_partition, begin_offset";
  private static final String DAYS = "SELECT topic, event_date, first_merged_utc, last_merged_utc, revisions,"
      + " rebuilt_utc FROM etl_merge_days ORDER BY topic, event_date";

  private final Demo demo;
  private final MariaDbFixture db;
  private final Configuration hadoop;
  private final Path config;
  private final Path warehouse;
  private final Path workRoot;
  private final LocalDate today;
  private final LocalDate yesterday;
  private final long lateViews;
  private final long decodableSent;
  /** Every decodable message sent, by "topic|id". */
  private final Map<String, Sent> sentByKey = new HashMap<>();

  WarehouseReport(Demo demo, MariaDbFixture db, Configuration hadoop, Path config, Path warehouse, Path workRoot,
      List<Sent> sent, LocalDate today, LocalDate yesterday, long lateViews) {
    this.demo = demo;
    this.db = db;
    this.hadoop = hadoop;
    this.config = config;
    this.warehouse = warehouse;
    this.workRoot = workRoot;
    this.today = today;
    this.yesterday = yesterday;
    this.lateViews = lateViews;
    sent.stream().filter(s -> s.id() != null).forEach(s -> sentByKey.put(key(s.topic(), s.id()), s));
    this.decodableSent = sentByKey.size();
  }

  /** One daily file (one part of one partition's day) as a plain Avro reader sees it. */
  private record DailyFile(Path path, String topic, LocalDate date, int partition, int part, String fileId,
      long length, long firstBlock, Schema schema, List<GenericRecord> records) {
    String dayDir() {
      return topic + "/" + date + "/";
    }

    String partitionDay() {
      return topic + "/" + date + "/p" + partition;
    }
  }

  /**
   * What a warehouse listing found: daily files, any other file or non-empty directory (a scratch file a
   * rebuild left would be one), and empty directories (harmless to readers, shown as a note).
   */
  private record Listing(List<DailyFile> daily, List<String> other, List<String> emptyDirs, List<Path> markers) {}

  void report() throws Exception {
    Listing listing = list();
    printTree(listing);
    demo.heading("etl_merge_ledger (one row per hourly file merged; file names without directories, file id abridged)");
    demo.printQuery(db, LEDGER_COMPACT);
    demo.heading("etl_merge_days");
    demo.printQuery(db, DAYS);

    demo.heading("daily files against the hourly files, the producer and the ledger");
    verify("", listing);

    mergeAgain();
    rebuild();
  }

  // ------------------------------------------------------------------------------------------
  // listing and printing

  private Listing list() throws IOException {
    List<DailyFile> daily = new ArrayList<>();
    List<String> other = new ArrayList<>();
    List<String> emptyDirs = new ArrayList<>();
    List<Path> markers = new ArrayList<>();
    if (!Files.isDirectory(warehouse)) {
      return new Listing(daily, other, emptyDirs, markers);
    }
    try (Stream<Path> walk = Files.walk(warehouse)) {
      for (Path p : walk.filter(p -> !p.equals(warehouse)).sorted().toList()) {
        Path rel = warehouse.relativize(p);
        Optional<DailyFile> d = Files.isRegularFile(p) ? dailyFile(p, rel) : Optional.empty();
        if (d.isPresent()) {
          daily.add(d.get());
        } else if (p.getFileName().toString().equals("_COMPLETE")) {
          markers.add(rel);
        } else if (Files.isRegularFile(p)) {
          other.add(rel + " (" + Files.size(p) + " bytes)");
        } else if (rel.getNameCount() > 2 || !isTopicOrDateDir(rel)) {
          try (Stream<Path> children = Files.list(p)) {
            (children.findAny().isEmpty() ? emptyDirs : other).add(rel + "/");
          }
        }
      }
    }
    daily.sort(Comparator.comparing(DailyFile::topic).thenComparing(DailyFile::date)
        .thenComparingInt(DailyFile::partition).thenComparingInt(DailyFile::part));
    return new Listing(daily, other, emptyDirs, markers);
  }

  private static boolean isTopicOrDateDir(Path rel) {
    return rel.getNameCount() == 1 || rel.getNameCount() == 2 && parseDate(rel.getName(1).toString()).isPresent();
  }

  /** A file at {@code <topic>/<yyyy-MM-dd>/<topic>.<partition>[.part-<n>].avro}, read with a plain Avro reader. */
  private static Optional<DailyFile> dailyFile(Path p, Path rel) throws IOException {
    Matcher m = DAILY_NAME.matcher(p.getFileName().toString());
    if (rel.getNameCount() != 3 || !m.matches() || !m.group(1).equals(rel.getName(0).toString())) {
      return Optional.empty();
    }
    Optional<LocalDate> date = parseDate(rel.getName(1).toString());
    if (date.isEmpty()) {
      return Optional.empty();
    }
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(p.toFile(), new GenericDatumReader<>())) {
      long firstBlock = reader.previousSync();
      List<GenericRecord> records = new ArrayList<>();
      reader.forEach(records::add);
      return Optional.of(new DailyFile(p, m.group(1), date.get(), Integer.parseInt(m.group(2)),
          m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), reader.getMetaString(FILE_ID), Files.size(p),
          firstBlock, reader.getSchema(), records));
    }
  }

  /**
   * A day is marked complete once a run of an hour after it ended has finished: yesterday's late
   * page views qualify (today's runs came after), today cannot be complete yet.
   */
  private void completeMarkers(String when, List<Path> markers) throws IOException {
    List<String> days = markers.stream().map(m -> m.getParent().toString()).sorted().toList();
    for (Path m : markers) {
      demo.out().println("  " + m + ": " + Files.readString(warehouse.resolve(m)).replaceAll("\\s+", " "));
    }
    demo.check(days.equals(List.of(PAGE_VIEWS + "/" + yesterday)), when + "_COMPLETE markers: exactly the day that is over ("
        + PAGE_VIEWS + "/" + yesterday + "); found " + days);
  }

  private void printTree(Listing listing) {
    demo.heading("warehouse files under " + demo.relativeToRoot(warehouse)
        + "/ (daily files read back with a plain Avro reader)");
    String lastDir = "";
    for (DailyFile d : listing.daily()) {
      if (!d.dayDir().equals(lastDir)) {
        boolean late = d.topic().equals(PAGE_VIEWS) && d.date().equals(yesterday);
        demo.out().println("  " + d.dayDir() + (late ? "   <- late page views (event date yesterday)" : ""));
        lastDir = d.dayDir();
      }
      List<Long> offsets = d.records().stream().map(r -> offsetOf(d.topic(), r)).toList();
      String range = offsets.isEmpty() || offsets.contains(null) ? "offsets ?"
          : "offsets " + offsets.get(0) + ".." + offsets.get(offsets.size() - 1);
      demo.out().printf("      %-26s %6d records %8d bytes  %s  id %s%n", d.path().getFileName(), d.records().size(),
          d.length(), range, abridged(d.fileId()));
    }
    listing.other().forEach(o -> demo.out().println("  " + o + "   <- not a daily file"));
    listing.emptyDirs().forEach(o -> demo.out().println("  " + o + "   <- empty directory"));
    demo.out().printf("  %d daily files, %d records%n", listing.daily().size(),
        listing.daily().stream().mapToInt(d -> d.records().size()).sum());
  }

  // ------------------------------------------------------------------------------------------
  // checks

  private void verify(String when, Listing listing) throws IOException, SQLException {
    List<DailyFile> files = listing.daily();
    List<LandedFile> hourly = LandedFiles.dataFiles(FileSystem.getLocal(new Configuration()),
        new org.apache.hadoop.fs.Path(workRoot.toUri()));
    exactlyOnce(when, files, hourly);
    offsetOrder(when, files);
    latePageViews(when, files);
    ledgerAgrees(when, files, hourly);
    daysAgree(when, files);
    completeMarkers(when, listing.markers());
    demo.check(listing.other().isEmpty(), when + "the warehouse holds no files but daily files (no scratch files"
        + " left" + (listing.other().isEmpty() ? ")" : ": " + String.join(", ", listing.other()) + ")"));
    if (!listing.emptyDirs().isEmpty()) {
      demo.out().println("  note: empty directories left in the warehouse (readers skip _-prefixed names): "
          + String.join(", ", listing.emptyDirs()));
    }
  }

  /** Every record of every hourly data file is in the daily file of its date and partition, once. */
  private void exactlyOnce(String when, List<DailyFile> files, List<LandedFile> hourly) {
    record Where(String topic, LocalDate date, int partition) {}
    List<String> problems = new ArrayList<>();
    Map<String, Where> hourlyAt = new HashMap<>();
    for (LandedFile f : hourly) {
      KafkaEvent event = WorkLayout.parseDataFileName(f.name()).orElseThrow();
      Where where = new Where(event.topic(), LocalDate.parse(f.dateDir()), event.partition().partition());
      for (GenericRecord r : f.records()) {
        if (hourlyAt.put(key(event.topic(), Demo.recordId(event.topic(), r)), where) != null) {
          problems.add(Demo.recordId(event.topic(), r) + " is in more than one hourly file");
        }
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    long dailyRecords = 0;
    for (DailyFile d : files) {
      Where where = new Where(d.topic(), d.date(), d.partition());
      for (GenericRecord r : d.records()) {
        dailyRecords++;
        String key = key(d.topic(), Demo.recordId(d.topic(), r));
        seen.merge(key, 1, Integer::sum);
        Where landed = hourlyAt.get(key);
        Sent s = sentByKey.get(key);
        if (landed == null || s == null) {
          problems.add(key + " in " + d.path().getFileName() + " is in no hourly file or was never sent");
        } else if (!landed.equals(where) || s.partition() != d.partition()) {
          problems.add(s + " is in " + d.dayDir() + d.path().getFileName() + " but landed as " + landed);
        } else if (d.topic().equals(AUDIT_LOG) && (Long) r.get("offset") != s.offset()) {
          problems.add(s + " is in " + d.path().getFileName() + " with envelope offset " + r.get("offset"));
        }
      }
    }
    long missing = hourlyAt.keySet().stream().filter(k -> !seen.containsKey(k)).count();
    long duplicated = seen.values().stream().filter(c -> c > 1).count();
    hourlyAt.keySet().stream().filter(k -> !seen.containsKey(k)).sorted().limit(5)
        .forEach(k -> problems.add(k + " is in no daily file"));
    seen.entrySet().stream().filter(e -> e.getValue() > 1).limit(5)
        .forEach(e -> problems.add(e.getKey() + " is " + e.getValue() + " times in the daily files"));
    demo.out().printf("  %sdecodable messages produced %d, records in hourly files %d, in daily files %d;"
        + " missing %d, more than once %d%n", when, decodableSent, hourlyAt.size(), dailyRecords, missing, duplicated);
    problems.stream().limit(20).forEach(p -> demo.out().println("    " + p));
    demo.check(problems.isEmpty() && dailyRecords == hourlyAt.size() && hourlyAt.size() == decodableSent,
        when + "the " + files.size() + " daily files hold every record of the " + hourly.size()
            + " hourly files exactly once (" + dailyRecords + " = " + hourlyAt.size() + " = decodable produced "
            + decodableSent + "), each under its hourly file's date and Kafka partition");
  }

  /**
   * Per (topic, date, partition), across parts in part order, Kafka offsets strictly increase: the
   * envelope's {@code offset} for audit_log, the producer's acknowledged offset (matched by user#seq or
   * order id) for page_views and orders, whose records carry no offset.
   */
  private void offsetOrder(String when, List<DailyFile> files) {
    Map<String, List<DailyFile>> byPartitionDay = new TreeMap<>();
    files.forEach(d -> byPartitionDay.computeIfAbsent(d.partitionDay(), k -> new ArrayList<>()).add(d));
    List<String> problems = new ArrayList<>();
    long records = 0;
    for (var e : byPartitionDay.entrySet()) {
      long previous = -1;
      int expectedPart = 0;
      for (DailyFile d : e.getValue()) { // sorted by part
        if (d.part() != expectedPart++) {
          problems.add(e.getKey() + ": parts are not 0, 1, ... (found part " + d.part() + ")");
        }
        for (GenericRecord r : d.records()) {
          records++;
          Long offset = offsetOf(d.topic(), r);
          if (offset == null || offset <= previous) {
            problems.add(e.getKey() + ": offset " + offset + " after " + previous + " in " + d.path().getFileName());
            break;
          }
          previous = offset;
        }
      }
    }
    problems.stream().limit(10).forEach(p -> demo.out().println("    " + p));
    demo.check(problems.isEmpty() && records > 0, when + "in each of the " + byPartitionDay.size()
        + " partition-days the daily records are in strictly increasing Kafka offset order (" + records
        + " records; audit_log by its envelope offset, page_views/orders by the offset Kafka acknowledged for"
        + " their user#seq / order id)");
  }

  /** The late page views are in yesterday's page_views daily file(s), and nothing else is. */
  private void latePageViews(String when, List<DailyFile> files) {
    List<DailyFile> yesterdays = files.stream()
        .filter(d -> d.topic().equals(PAGE_VIEWS) && d.date().equals(yesterday)).toList();
    long inFiles = yesterdays.stream().mapToLong(d -> d.records().size()).sum();
    long late = yesterdays.stream().flatMap(d -> d.records().stream())
        .map(r -> sentByKey.get(key(PAGE_VIEWS, Demo.recordId(PAGE_VIEWS, r))))
        .filter(s -> s != null && LocalDate.ofInstant(Instant.ofEpochMilli(s.eventTime()), ZoneOffset.UTC).equals(yesterday))
        .count();
    demo.check(lateViews > 0 && late == lateViews && inFiles == late, when + "the " + lateViews
        + " late page views are in page_views/" + yesterday + "/ (" + yesterdays.size() + " daily file(s), "
        + inFiles + " records, " + late + " of them sent with yesterday's event time)");
  }

  /**
   * The ledger tells the truth about the bytes: per daily file its rows tile the file from the first
   * block to the end, and the records between each row's byte_begin and byte_end (read by seeking a
   * plain Avro reader there) are exactly its hourly file's records, in order. Every hourly data file
   * has exactly one row.
   */
  private void ledgerAgrees(String when, List<DailyFile> files, List<LandedFile> hourly)
      throws SQLException, IOException {
    List<Map<String, Object>> rows = Demo.query(db, LEDGER_FULL);
    Map<Path, List<Map<String, Object>>> rowsByDaily = new HashMap<>();
    Map<Path, Integer> rowsPerHourly = new HashMap<>();
    for (Map<String, Object> row : rows) {
      rowsByDaily.computeIfAbsent(local((String) row.get("daily_path")), k -> new ArrayList<>()).add(row);
      rowsPerHourly.merge(local((String) row.get("hourly_path")), 1, Integer::sum);
    }
    Map<Path, LandedFile> hourlyByPath = new HashMap<>();
    hourly.forEach(f -> hourlyByPath.put(local(f.path().toString()), f));
    List<String> problems = new ArrayList<>();
    Set<Path> dailyPaths = new HashSet<>();
    for (DailyFile d : files) {
      dailyPaths.add(d.path());
      String name = d.dayDir() + d.path().getFileName();
      List<Map<String, Object>> ofFile = new ArrayList<>(rowsByDaily.getOrDefault(d.path(), List.of()));
      ofFile.sort(Comparator.comparingLong(r -> num(r, "byte_begin")));
      long position = d.firstBlock();
      long recordsInRows = 0;
      for (Map<String, Object> row : ofFile) {
        String what = name + " bytes " + num(row, "byte_begin") + "-" + num(row, "byte_end");
        if (num(row, "byte_begin") != position) {
          problems.add(what + ": expected to begin at " + position);
        }
        position = num(row, "byte_end");
        if (num(row, "part") != d.part() || !String.valueOf(row.get("daily_file_id")).equals(d.fileId())
            || num(row, "kafka_partition") != d.partition() || !row.get("topic").equals(d.topic())
            || !LocalDate.parse(String.valueOf(row.get("event_date"))).equals(d.date())) {
          problems.add(what + ": topic/partition/date/part/file id " + row.get("topic") + "/"
              + row.get("kafka_partition") + "/" + row.get("event_date") + "/" + row.get("part") + "/"
              + row.get("daily_file_id") + " do not match the file's (id " + d.fileId() + ")");
        }
        LandedFile source = hourlyByPath.get(local((String) row.get("hourly_path")));
        if (source == null) {
          problems.add(what + ": hourly file " + row.get("hourly_path") + " is not a landed data file");
          continue;
        }
        KafkaEvent event = WorkLayout.parseDataFileName(source.name()).orElseThrow();
        if (num(row, "begin_offset") != event.range().begin() || num(row, "end_offset") != event.range().end()
            || !row.get("hour").equals(source.path().getParent().getParent().getParent().getName())) {
          problems.add(what + ": offsets/hour " + row.get("begin_offset") + "-" + row.get("end_offset") + "/"
              + row.get("hour") + " do not match " + source.path());
        }
        List<GenericRecord> between = recordsBetween(d.path(), num(row, "byte_begin"), num(row, "byte_end"), problems);
        recordsInRows += num(row, "records");
        if (!between.equals(source.records()) || num(row, "records") != between.size()) {
          problems.add(what + ": holds " + between.size() + " records, the row says " + num(row, "records") + ", "
              + source.name() + " has " + source.records().size() + (between.size() == source.records().size()
              ? " (different records)" : ""));
        }
      }
      if (ofFile.isEmpty()) {
        problems.add(name + ": no ledger rows");
      } else if (position != d.length()) {
        problems.add(name + ": the rows end at byte " + position + ", the file at " + d.length());
      }
      if (recordsInRows != d.records().size()) {
        problems.add(name + ": the rows count " + recordsInRows + " records, the file holds " + d.records().size());
      }
    }
    rowsByDaily.keySet().stream().filter(p -> !dailyPaths.contains(p))
        .forEach(p -> problems.add("ledger rows name " + p + ", which is not a daily file"));
    hourlyByPath.keySet().stream().filter(p -> rowsPerHourly.getOrDefault(p, 0) != 1).sorted()
        .forEach(p -> problems.add("hourly file " + workRoot.relativize(p) + " has " + rowsPerHourly.getOrDefault(p, 0)
            + " ledger rows"));
    problems.stream().limit(20).forEach(p -> demo.out().println("    " + p));
    demo.check(problems.isEmpty() && !rows.isEmpty(), when + "etl_merge_ledger agrees with the files: one row per"
        + " hourly file (" + rows.size() + " rows, " + hourly.size() + " hourly files); per daily file the rows tile"
        + " its bytes from the first block to the end; each row's byte range holds exactly its hourly file's records");
  }

  /** etl_merge_days has exactly one row per (topic, date) the warehouse has daily files for. */
  private void daysAgree(String when, List<DailyFile> files) throws SQLException {
    Set<String> days = new TreeSet<>();
    files.forEach(d -> days.add(d.topic() + " " + d.date()));
    Set<String> rows = new TreeSet<>();
    boolean ordered = true;
    for (Map<String, Object> row : Demo.query(db, DAYS)) {
      rows.add(row.get("topic") + " " + row.get("event_date"));
      ordered &= ((java.time.LocalDateTime) row.get("first_merged_utc"))
          .compareTo((java.time.LocalDateTime) row.get("last_merged_utc")) <= 0;
    }
    demo.check(days.equals(rows) && ordered, when + "etl_merge_days has one row per topic and date with daily files ("
        + String.join(", ", rows) + "), first_merged_utc <= last_merged_utc");
  }

  // ------------------------------------------------------------------------------------------
  // merge again, rebuild

  /** {@code merge --topic page_views --date <today>} once more: nothing to append. */
  private void mergeAgain() throws Exception {
    List<DailyFile> before = pageViewsToday();
    List<Map<String, Object>> ledgerBefore = Demo.query(db, LEDGER_FULL);
    List<Map<String, Object>> daysBefore = Demo.query(db, DAYS);
    EtlCli.Result r = demo.runCommand("merged already; again: ", hadoop, config,
        "merge", "--topic", PAGE_VIEWS, "--date", today.toString());
    List<DailyFile> after = pageViewsToday();
    Map<String, Long> lengthsBefore = lengths(before);
    Map<String, Long> lengthsAfter = lengths(after);
    lengthsBefore.forEach((name, length) -> demo.out().printf("    %-22s %8d bytes before, %8s after%n", name, length,
        lengthsAfter.getOrDefault(name, -1L)));
    boolean ledgerSame = ledgerBefore.equals(Demo.query(db, LEDGER_FULL));
    boolean daysSame = daysBefore.equals(Demo.query(db, DAYS));
    demo.check(r.exitCode() == 0 && !before.isEmpty() && lengthsBefore.equals(lengthsAfter) && ledgerSame && daysSame,
        "merge page_views " + today + " again: exit " + r.exitCode() + ", appended nothing: " + before.size()
            + " daily files keep their lengths (" + lengthsBefore.values().stream().mapToLong(Long::longValue).sum()
            + " bytes), etl_merge_ledger " + (ledgerSame ? "unchanged" : "CHANGED") + ", etl_merge_days "
            + (daysSame ? "unchanged" : "CHANGED"));
  }

  /** {@code merge --topic page_views --date <today> --rebuild}: rewritten from the hourly files, same content. */
  private void rebuild() throws Exception {
    List<DailyFile> before = pageViewsToday();
    EtlCli.Result r = demo.runCommand("rebuild: ", hadoop, config,
        "merge", "--topic", PAGE_VIEWS, "--date", today.toString(), "--rebuild");
    Listing listing = list();
    Map<String, DailyFile> after = new LinkedHashMap<>();
    listing.daily().stream().filter(d -> d.topic().equals(PAGE_VIEWS) && d.date().equals(today))
        .forEach(d -> after.put(d.path().getFileName().toString(), d));
    boolean sameContent = before.size() == after.size();
    boolean newIds = true;
    long records = 0;
    for (DailyFile b : before) {
      String name = b.path().getFileName().toString();
      DailyFile a = after.get(name);
      boolean equal = a != null && a.schema().equals(b.schema()) && a.records().equals(b.records());
      sameContent &= equal;
      newIds &= a != null && a.fileId() != null && !a.fileId().equals(b.fileId());
      records += b.records().size();
      demo.out().printf("    %-22s %6d records %s; %8d -> %8s bytes; id %s -> %s%n", name, b.records().size(),
          equal ? "equal in order" : "DIFFERENT", b.length(), a == null ? "(gone)" : a.length(), abridged(b.fileId()),
          a == null ? "-" : abridged(a.fileId()));
    }
    demo.check(r.exitCode() == 0, "merge page_views " + today + " --rebuild exited " + r.exitCode());
    demo.check(sameContent && !before.isEmpty(), "rebuild: the same " + before.size() + " daily files hold the same "
        + records + " records in the same order, with the same schema");
    demo.check(newIds, "rebuild: every one of them was really rewritten (new daily file id)");
    demo.heading("etl_merge_days after the rebuild");
    List<Map<String, Object>> days = demo.printQuery(db, DAYS);
    boolean rebuiltMarked = days.stream().allMatch(d -> (d.get("rebuilt_utc") != null)
        == (d.get("topic").equals(PAGE_VIEWS) && String.valueOf(d.get("event_date")).equals(today.toString())));
    demo.check(rebuiltMarked, "etl_merge_days: rebuilt_utc set for page_views " + today + " and no other day");

    demo.heading("after the rebuild: daily files against the hourly files, the producer and the ledger");
    verify("after the rebuild: ", listing);
  }

  private List<DailyFile> pageViewsToday() throws IOException {
    return list().daily().stream().filter(d -> d.topic().equals(PAGE_VIEWS) && d.date().equals(today)).toList();
  }

  private static Map<String, Long> lengths(List<DailyFile> files) {
    Map<String, Long> lengths = new TreeMap<>();
    files.forEach(d -> lengths.put(d.path().getFileName().toString(), d.length()));
    return lengths;
  }

  // ------------------------------------------------------------------------------------------
  // helpers

  /** The records of the blocks that start in [begin, end): a plain Avro reader seeked to {@code begin}. */
  private static List<GenericRecord> recordsBetween(Path file, long begin, long end, List<String> problems)
      throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      reader.seek(begin);
      while (reader.hasNext() && reader.previousSync() < end) {
        records.add(reader.next());
      }
    } catch (IOException | AvroRuntimeException e) {
      problems.add(file.getFileName() + ": no Avro block at byte " + begin + " (" + e.getMessage() + ")");
    }
    return records;
  }

  /** The Kafka offset of a record: audit_log carries it in its envelope; the others via what was sent. */
  private Long offsetOf(String topic, GenericRecord r) {
    if (topic.equals(AUDIT_LOG)) {
      return (Long) r.get("offset");
    }
    Sent s = sentByKey.get(key(topic, Demo.recordId(topic, r)));
    return s == null ? null : s.offset();
  }

  private static String key(String topic, String id) {
    return topic + "|" + id;
  }

  private static Path local(String path) {
    return path.contains(":") ? Path.of(URI.create(path)) : Path.of(path);
  }

  private static long num(Map<String, Object> row, String column) {
    return ((Number) row.get(column)).longValue();
  }

  private static String abridged(String id) {
    return id == null ? "(none)" : id.substring(0, Math.min(8, id.length()));
  }

  private static Optional<LocalDate> parseDate(String text) {
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
