package org.kafkaetl.it.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.status.CellState;
import org.kafkaetl.core.status.TopicHour;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcFleetBookkeeping;

/**
 * Measurement (8): the database reads of {@code status} without {@code --topic} — every topic over
 * the last 48 hours — at 300 topics of 1,000 partitions (14.4 M generated etl_offsets rows, and a
 * ledger row for each, as if every hour had been merged), with a few hours of a few topics
 * incomplete, running, lost and not merged. Three rounds; the median counts. The file-system side
 * (one listing per hour not merged, one glob per date) is not part of it.
 */
final class FleetStatusBench {
  private static final int PER_TOPIC = 1_000;
  private static final String PREFIX = "fleet_t";

  private final EtlTestEnvironment env;
  private final BenchOptions options;
  private final BenchReport report;

  FleetStatusBench(EtlTestEnvironment env, BenchOptions options, BenchReport report) {
    this.env = env;
    this.options = options;
    this.report = report;
  }

  void run() throws Exception {
    int topics = options.fleetTopics();
    int hours = options.fleetHours();
    String name = "bench_fleet";
    env.mariaDb().recreateDatabase(name);
    Database db = new Database(env.mariaDb().jdbcUrl(name), env.mariaDb().user(), env.mariaDb().password());
    db.migrate();
    HourPartition now = HourPartition.containing(java.time.Instant.now(), ZoneOffset.UTC);
    HourPartition from = new HourPartition(now.start().minusHours(hours));
    HourPartition to = now.previous();
    long t = System.nanoTime();
    long rows = new GeneratedHistory(db, PREFIX, PER_TOPIC, topics * PER_TOPIC).write(from, hours);
    mergedEverything(db);
    troubles(db, from);
    double generateSeconds = seconds(t);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < topics; i++) {
      names.add(PREFIX + i);
    }

    JdbcFleetBookkeeping fleet = new JdbcFleetBookkeeping(db);
    List<Double> rounds = new ArrayList<>();
    // what the page adds to each run: records per topic and hour, summed from every range row of the window
    List<Double> recordsRounds = new ArrayList<>();
    List<TopicHour> read = List.of();
    for (int round = 0; round < 3; round++) {
      t = System.nanoTime();
      read = fleet.read(names, from, to);
      rounds.add(round3(seconds(t)));
      t = System.nanoTime();
      fleet.recordsPerHour(names, from, to);
      recordsRounds.add(round3(seconds(t)));
    }
    double median = rounds.stream().sorted().toList().get(1);
    double recordsMedian = recordsRounds.stream().sorted().toList().get(1);
    Map<CellState, Long> states = new java.util.EnumMap<>(CellState.class);
    read.forEach(h -> states.merge(h.state(), 1L, Long::sum));
    String load = BenchReport.loadAverage();
    System.out.printf("[bench] fleet status %d topics x %d partitions x %d hours: rounds %s s; hours by state %s;"
        + " load %s%n", topics, PER_TOPIC, hours, rounds, states, load);
    report.info("8", String.format(Locale.ROOT, "status of every topic: %d topics x %,d partitions x %d hours (%,d"
        + " GENERATED etl_offsets rows, as many ledger rows)", topics, PER_TOPIC, hours, rows),
        String.format(Locale.ROOT, "%.2f s (median of %s); %d topic-hours read; records per hour for the page %.2f s"
            + " (median of %s); load average %s; MariaDB buffer pool %s", median, rounds, read.size(), recordsMedian,
            recordsRounds, load, System.getProperty("kafka.etl.it.mariadb.buffer.pool", "64M")));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("topics", topics);
    details.put("partitionsPerTopic", PER_TOPIC);
    details.put("hours", hours);
    details.put("recordsPerHourRoundsSeconds", recordsRounds);
    details.put("offsetsRows", rows);
    details.put("generateSeconds", round3(generateSeconds));
    details.put("roundsSeconds", rounds);
    details.put("medianSeconds", median);
    details.put("hoursByState", states);
    details.put("loadAverage", load);
    for (String table : List.of("etl_offsets", "etl_merge_ledger")) {
      details.put("explainHoursWithRows_" + table, explain(db, "SELECT topic, hour FROM " + table + " WHERE topic = '"
          + names.get(0) + "' AND hour BETWEEN '" + from + "' AND '" + to + "' GROUP BY topic, hour"));
    }
    details.put("explainNotComplete", explain(db, "SELECT * FROM etl_offsets WHERE state IN ('PLANNED', 'RUNNING',"
        + " 'INCOMPLETE', 'LOST') AND hour BETWEEN '" + from + "' AND '" + to + "'"));
    report.details("fleet", details);
    env.mariaDb().recreateDatabase(name); // gives the disk back
  }

  /** A ledger row for every COMPLETE range, loaded like the history: in key order, indexes built after. */
  private static void mergedEverything(Database db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      c.setNetworkTimeout(Runnable::run, 0); // as GeneratedHistory: index builds outlast the read timeout
      s.execute("SET unique_checks = 0");
      s.execute("ALTER TABLE etl_merge_ledger DROP INDEX etl_merge_ledger_day, DROP INDEX etl_merge_ledger_hour,"
          + " DROP INDEX etl_merge_ledger_topic_hour");
      List<String> topics = new ArrayList<>();
      try (var rs = s.executeQuery("SELECT DISTINCT topic FROM etl_partition_ends ORDER BY topic")) {
        while (rs.next()) {
          topics.add(rs.getString(1));
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO etl_merge_ledger (topic, kafka_partition, event_date,"
          + " incarnation, begin_offset, end_offset, hour, hourly_path, daily_path, part, daily_file_id, byte_begin,"
          + " byte_end, records, merged_at_utc) SELECT topic, kafka_partition, STR_TO_DATE(LEFT(hour, 8), '%Y%m%d'),"
          + " incarnation, begin_offset, end_offset, hour, '', '', 0, 'generated', begin_offset, end_offset, records,"
          + " UTC_TIMESTAMP(3) FROM etl_offsets WHERE topic = ? ORDER BY topic, kafka_partition, begin_offset")) {
        for (String topic : topics) {
          ps.setString(1, topic);
          ps.executeUpdate();
        }
      }
      // as V2 and V16 define them
      s.execute("ALTER TABLE etl_merge_ledger ADD KEY etl_merge_ledger_day (topic, event_date),"
          + " ADD KEY etl_merge_ledger_hour (hour), ADD KEY etl_merge_ledger_topic_hour (topic, hour)");
      s.execute("ANALYZE TABLE etl_merge_ledger");
    }
  }

  /**
   * What the view is for: in the first three topics, two partitions of one hour incomplete, one
   * running, one lost, and one hour whose ranges the ledger does not hold.
   */
  private static void troubles(Database db, HourPartition from) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (int topic = 0; topic < 3; topic++) {
        String t = "'" + PREFIX + topic + "'";
        String hour = "'" + new HourPartition(from.start().plusHours(3 + topic)) + "'";
        s.executeUpdate("UPDATE etl_offsets SET state = 'INCOMPLETE' WHERE topic = " + t + " AND hour = " + hour
            + " AND kafka_partition IN (7, 8)");
        s.executeUpdate("UPDATE etl_offsets SET state = 'RUNNING' WHERE topic = " + t + " AND hour = " + hour
            + " AND kafka_partition = 9");
        s.executeUpdate("UPDATE etl_offsets SET state = 'LOST' WHERE topic = " + t + " AND hour = " + hour
            + " AND kafka_partition = 10");
        s.executeUpdate("DELETE FROM etl_merge_ledger WHERE topic = " + t + " AND hour = '"
            + new HourPartition(from.start().plusHours(20 + topic)) + "'");
      }
    }
  }

  private static String explain(Database db, String sql) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (Connection c = db.connect(); Statement s = c.createStatement(); var rs = s.executeQuery("EXPLAIN " + sql)) {
      while (rs.next()) {
        b.append(rs.getString("table")).append(" key=").append(rs.getString("key")).append(" rows=")
            .append(rs.getString("rows")).append(" extra=").append(rs.getString("Extra")).append("; ");
      }
    }
    return b.toString();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
