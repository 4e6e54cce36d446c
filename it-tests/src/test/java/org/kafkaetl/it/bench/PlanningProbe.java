package org.kafkaetl.it.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.Planner;
import org.kafkaetl.core.plan.RunPlan;
import org.kafkaetl.core.plan.TopicPolicy;
import org.kafkaetl.mapreduce.job.JobSettings;
import org.kafkaetl.mapreduce.kafka.KafkaOffsetsReader;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcOffsetStore;

/**
 * The driver's planning of measurement (4), run in its own JVM started with {@code -Xmx512m} by
 * {@link PlanningScaleBench}, so its heap is the driver's alone and the limit is enforced, not just
 * observed. Stages, each timed: the previous run's rows are written first (not part of planning),
 * then Kafka's offsets (the real broker's, or a generated stand-in), the MySQL read of the last
 * ends, split + pack by the real {@link Planner}, the rows of the new run written by
 * {@link JdbcOffsetStore#startRun}, and the splits written into a job configuration. Prints one
 * JSON line starting with {@link #RESULT}. With days of history, {@link GeneratedHistory} first
 * writes one COMPLETE row per partition and hour of those days, and after the run the database
 * reads of {@code status} and {@code audit} of the last day are timed ({@link BookkeepingReads}).
 *
 * <p>Arguments: jdbcUrl user password partitions partitionsPerTopic (stand-in | bootstrap servers) topicPrefix
 * historyDays
 */
public final class PlanningProbe {
  /**
   * {@code -Dbench.planning.outcomes=short}: each round's ranges end COMPLETE one record short of their
   * offsets (a transactional topic's commit markers), so {@code finishRun} records them row by row
   * instead of as whole ranges; {@code whole} (the default) as most topics' ranges end.
   */
  static final String OUTCOMES = "bench.planning.outcomes";
  static final boolean OUTCOMES_SHORT = "short".equals(System.getProperty(OUTCOMES, "whole"));

  static RangeOutcome outcome(KafkaEvent e) {
    return new RangeOutcome(e, RangeState.COMPLETE, e.range().end(), OUTCOMES_SHORT ? e.messages() - 1 : e.messages(),
        0, "");
  }

  static final String RESULT = "PLANNING-PROBE-RESULT ";
  static final long SPLIT_THRESHOLD = 200_000;
  static final int MAX_MAPPERS = 100;

  private PlanningProbe() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    int partitions = Integer.parseInt(args[3]);
    int perTopic = Integer.parseInt(args[4]);
    String source = args[5];
    String prefix = args[6];
    int historyDays = args.length > 7 ? Integer.parseInt(args[7]) : 0;
    boolean standIn = source.equals("stand-in");
    watchGarbageCollections();

    List<String> topics = new ArrayList<>();
    for (int t = 0; t * perTopic < partitions; t++) {
      topics.add(prefix + t);
    }
    Map<String, String> props = new HashMap<>();
    props.put("kafka.bootstrap.servers", standIn ? "stand-in:9092" : source);
    props.put("db.url", url);
    props.put("db.user", user);
    props.put("db.password", password);
    props.put("etl.topics", String.join(",", topics));
    EtlConfig config = EtlConfig.parse(props);
    Database db = new Database(url, user, password);
    db.migrate();
    JdbcOffsetStore store = new JdbcOffsetStore(db);
    Map<String, Object> result = new LinkedHashMap<>();
    Instant now = Instant.now();
    HourPartition hour = HourPartition.containing(now, ZoneOffset.UTC);

    // what Kafka holds: the real broker's offsets, or a stand-in with a skewed spread of sizes
    long t = System.nanoTime();
    List<KafkaPartitionOffsets> kafka;
    int historyHours = historyDays * 24;
    if (standIn) {
      kafka = standIn(topics, partitions, perTopic, historyHours, 2);
    } else {
      try (KafkaOffsetsReader reader = new KafkaOffsetsReader(config.kafkaClientProperties(), 60_000)) {
        kafka = reader.offsets(topics);
      }
    }
    double kafkaSeconds = seconds(t);

    // the history: one row per partition and hour before the previous run, offsets 0 .. historyHours
    HourPartition firstHistoryHour = new HourPartition(hour.previous().start().minusHours(historyHours));
    if (historyHours > 0) {
      t = System.nanoTime();
      long rows = new GeneratedHistory(db, prefix, perTopic, partitions).write(firstHistoryHour, historyHours);
      result.put("historyRows", rows);
      result.put("historySeconds", round(seconds(t)));
    }

    // the previous run's rows: every partition read up to half of what it holds now
    t = System.nanoTime();
    List<KafkaEvent> previous = new ArrayList<>();
    for (KafkaPartitionOffsets o : kafka) {
      previous.add(new KafkaEvent(o.partition(), new OffsetRange(historyHours,
          historyHours + (o.latest() - historyHours) / 2)));
    }
    long previousRun = store.startRun(hour.previous(), now.minusSeconds(3600), previous, List.of());
    store.finishRun(previousRun, now.minusSeconds(3000), previous.stream()
        .map(e -> new RangeOutcome(e, RangeState.COMPLETE, e.range().end(), e.messages(), 0, "")).toList());
    result.put("seedSeconds", round(seconds(t)));
    previous = null;
    result.put("explainLastEnds", explain(db, "SELECT kafka_partition, incarnation, topic_id, end_offset FROM"
        + " etl_partition_ends WHERE topic = '" + topics.get(0) + "'"));

    Map<String, TopicPolicy> policies = new HashMap<>();
    topics.forEach(topic -> policies.put(topic, new TopicPolicy(topic, OptionalLong.of(SPLIT_THRESHOLD), 1.0)));
    java.util.Optional<ServerCpu> server = ServerCpu.of(db);
    List<double[]> serverRounds = new ArrayList<>();
    double[] serverRound = new double[3];
    awaitPurge(server);
    long heapBefore = usedHeapAfterGc();
    resetPeaks();
    MAX_AFTER_GC.set(0);

    Map<String, Long> heapAfterGcByStage = new LinkedHashMap<>();
    t = System.nanoTime();
    Map<TopicPartition, Long> previousEnds = store.lastEndOffsets(topics);
    double readSeconds = seconds(t);
    heapAfterGcByStage.put("mysqlRead", stageMaxAfterGc());

    t = System.nanoTime();
    RunPlan plan = new Planner(policies, true, MAX_MAPPERS).plan(previousEnds, kafka);
    double planSeconds = seconds(t);
    heapAfterGcByStage.put("splitPack", stageMaxAfterGc());

    double cpu = serverSeconds(server);
    t = System.nanoTime();
    long runId;
    ThreadSampler.Summary writeProfile;
    try (ThreadSampler sampler = new ThreadSampler(Thread.currentThread().getName())) {
      runId = store.startRun(hour, now, plan.events(), plan.lostRanges());
      writeProfile = sampler.summary();
    }
    double writeSeconds = seconds(t);
    serverRound[0] = serverSince(server, cpu);
    heapAfterGcByStage.put("writeRows", stageMaxAfterGc());

    t = System.nanoTime();
    Configuration jobConf = new Configuration(false);
    JobSettings.write(jobConf, new org.apache.hadoop.security.Credentials(), config, Map.of(), plan.assignments(),
        runId);
    double jobConfSeconds = seconds(t);
    int splitsChars = jobConf.get("kafka.etl.splits").length();
    heapAfterGcByStage.put("jobConfiguration", stageMaxAfterGc());

    long peak = peakHeap();
    long heapHoldingPlan = usedHeapAfterGc() - heapBefore;

    // the driver marks the ranges RUNNING just before it submits the job
    cpu = serverSeconds(server);
    t = System.nanoTime();
    store.markRunning(runId);
    double markRunningSeconds = seconds(t);
    serverRound[1] = serverSince(server, cpu);

    cpu = serverSeconds(server);
    t = System.nanoTime();
    ThreadSampler.Summary finishProfile;
    try (ThreadSampler sampler = new ThreadSampler(Thread.currentThread().getName())) {
      store.finishRun(runId, Instant.now(), plan.events().stream().map(PlanningProbe::outcome).toList());
      finishProfile = sampler.summary();
    }
    double finishSeconds = seconds(t);
    serverRound[2] = serverSince(server, cpu);
    serverRounds.add(serverRound);

    // status and audit of the last day of history (or of the previous run's hour without history)
    HourPartition dayFrom = historyHours > 0 ? new HourPartition(hour.previous().start().minusHours(24)) : hour.previous();
    BookkeepingReads reads = new BookkeepingReads(db, store, topics);
    t = System.nanoTime();
    long statusRows = reads.status(dayFrom, historyHours > 0 ? 24 : 1);
    double statusSeconds = seconds(t);
    t = System.nanoTime();
    reads.statusHourByHour(dayFrom, historyHours > 0 ? 24 : 1);
    double statusHourByHourSeconds = seconds(t);
    t = System.nanoTime();
    long auditRows = reads.audit(dayFrom, historyHours > 0 ? 24 : 1);
    double auditSeconds = seconds(t);

    // Two more rounds, an hour apart, Kafka a little further each time; each figure reported is the
    // median of the three, so one stall of the shared machine does not decide a ratio.
    List<double[]> rounds = new ArrayList<>();
    rounds.add(new double[] {readSeconds + planSeconds + writeSeconds, finishSeconds, statusSeconds, auditSeconds,
        markRunningSeconds});
    int events = plan.events().size();
    int mappers = plan.assignments().size();
    plan = null;
    List<List<Long>> diskReadRounds = new ArrayList<>();
    FurtherRounds further = new FurtherRounds(store, server, reads, policies, topics, dayFrom,
        k -> standIn(topics, partitions, perTopic, historyHours, 2 + k), hour);
    for (int k = 1; standIn && historyHours > 0 && k <= 2; k++) {
      FurtherRounds.Round round = further.run(k);
      rounds.add(round.wall());
      serverRounds.add(round.server());
      diskReadRounds.add(java.util.Arrays.stream(round.diskReads()).boxed().toList());
    }
    result.put("pagesReadFromDiskLaterRounds", diskReadRounds);
    result.put("rounds", rounds.stream().map(r -> java.util.Arrays.stream(r).map(PlanningProbe::round).toArray())
        .toList());
    double[] median = new double[5];
    for (int i = 0; i < 5; i++) {
      final int figure = i;
      double[] values = rounds.stream().mapToDouble(r -> r[figure]).sorted().toArray();
      median[i] = values[values.length / 2];
    }
    heapAfterGcByStage.put("furtherRounds", stageMaxAfterGc());
    if (server.isPresent()) {
      Map<String, Double> serverCpu = new LinkedHashMap<>();
      String[] steps = {"startRun", "markRunning", "finishRun"};
      for (int i = 0; i < steps.length; i++) {
        final int step = i;
        double[] values = serverRounds.stream().mapToDouble(r -> r[step]).sorted().toArray();
        serverCpu.put(steps[i], round(values[values.length / 2]));
      }
      result.put("serverCpuSeconds", serverCpu);
    }

    // the audit's and status' read of a topic's day, as JdbcAuditSource words it: the primary key, hour by hour
    List<String> dayHours = new ArrayList<>();
    for (HourPartition h = dayFrom; h.compareTo(hour) <= 0; h = new HourPartition(h.start().plusHours(1))) {
      dayHours.add("'" + h + "'");
    }
    result.put("explainAuditRows", explain(db, "SELECT kafka_partition, begin_offset FROM etl_offsets FORCE INDEX"
        + " (PRIMARY) WHERE hour IN (" + String.join(", ", dayHours) + ") AND topic = '" + topics.get(0)
        + "' ORDER BY kafka_partition, incarnation, begin_offset"));
    // the fleet view's hours with ranges: a loose scan of the primary key's (hour, topic) prefix
    result.put("explainFleetHours", explain(db, "SELECT hour, topic FROM etl_offsets WHERE hour BETWEEN '" + dayFrom
        + "' AND '" + hour + "' GROUP BY hour, topic"));
    result.put("partitions", kafka.size());
    result.put("topics", topics.size());
    result.put("offsetsSource", standIn ? "stand-in: generated earliest/latest offsets, no broker" : "real broker");
    result.put("events", events);
    result.put("mappers", mappers);
    result.put("splitThreshold", SPLIT_THRESHOLD);
    result.put("kafkaOffsetsSeconds", round(kafkaSeconds));
    result.put("mysqlReadSeconds", round(readSeconds));
    result.put("splitPackSeconds", round(planSeconds));
    result.put("writeRowsSeconds", round(writeSeconds));
    result.put("firstPlanningSeconds", round(readSeconds + planSeconds + writeSeconds));
    result.put("planningSeconds", round(median[0]));
    result.put("jobConfigurationSeconds", round(jobConfSeconds));
    result.put("jobConfigurationSplitsChars", splitsChars);
    result.put("markRunningSeconds", round(median[4]));
    result.put("finishRunSeconds", round(median[1]));
    result.put("historyDays", historyDays);
    result.put("statusSeconds", round(median[2]));
    result.put("statusRows", statusRows);
    result.put("statusHourByHourSeconds", round(statusHourByHourSeconds));
    result.put("auditSeconds", round(median[3]));
    result.put("auditRows", auditRows);
    result.put("writeRowsWallTime", writeProfile.wallShares());
    result.put("writeRowsWaitSites", writeProfile.topWaitSites());
    result.put("writeRowsHotMethods", writeProfile.topLeafMethods());
    result.put("writeRowsSteps", writeProfile.topOwnFrames());
    result.put("finishRunSteps", finishProfile.topOwnFrames());
    result.put("heapBeforePlanningMiB", mib(heapBefore));
    result.put("heapHoldingPlanMiB", mib(heapHoldingPlan));
    result.put("maxHeapAfterGcMiB", mib(heapAfterGcByStage.values().stream().mapToLong(Long::longValue).max()
        .orElse(0)));
    Map<String, Long> byStageMib = new LinkedHashMap<>();
    heapAfterGcByStage.forEach((k, v) -> byStageMib.put(k, mib(v)));
    result.put("maxHeapAfterGcMiBByStage", byStageMib);
    result.put("peakHeapUsedInclGarbageMiB", mib(peak));
    result.put("maxHeapMiB", mib(Runtime.getRuntime().maxMemory()));
    System.out.println(RESULT + new ObjectMapper().writeValueAsString(result));
    System.exit(0);
  }

  private static double serverSeconds(java.util.Optional<ServerCpu> server) throws java.io.IOException {
    return server.isPresent() ? server.get().seconds() : 0;
  }

  /** The server's CPU since {@code before}, its purge of what the step replaced waited out and counted. */
  private static double serverSince(java.util.Optional<ServerCpu> server, double before) throws Exception {
    if (server.isEmpty()) {
      return 0;
    }
    server.get().awaitPurge();
    return server.get().seconds() - before;
  }

  private static void awaitPurge(java.util.Optional<ServerCpu> server) throws Exception {
    if (server.isPresent()) {
      server.get().awaitPurge();
    }
  }

  /** Partition sizes spread over three orders of magnitude, some above the split threshold. */
  private static List<KafkaPartitionOffsets> standIn(List<String> topics, int partitions, int perTopic, long base,
      int times) {
    Random random = new Random(4);
    List<KafkaPartitionOffsets> offsets = new ArrayList<>(partitions);
    for (int i = 0; i < partitions; i++) {
      long messages = (long) Math.pow(10, 2 + 4 * random.nextDouble()); // 100 .. 1 M new messages
      offsets.add(new KafkaPartitionOffsets(TopicPartition.of(topics.get(i / perTopic), i % perTopic), 0,
          base + times * messages));
    }
    return offsets;
  }

  /** Largest heap in use right after any collection during planning: the live set, plus old garbage not yet collected. */
  private static final AtomicLong MAX_AFTER_GC = new AtomicLong();

  /** What MariaDB's EXPLAIN says about a query: table, key and extra of each row. */
  private static String explain(Database db, String sql) throws java.sql.SQLException {
    StringBuilder b = new StringBuilder();
    try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
      while (rs.next()) {
        b.append(rs.getString("table")).append(" type=").append(rs.getString("type")).append(" key=").append(rs.getString("key")).append(" rows=")
            .append(rs.getString("rows")).append(" extra=").append(rs.getString("Extra")).append("; ");
      }
    }
    return b.toString();
  }

  /** The largest heap after a collection since the last call (0 if none ran). */
  private static long stageMaxAfterGc() {
    return MAX_AFTER_GC.getAndSet(0);
  }

  private static void watchGarbageCollections() {
    List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).toList();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
        if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
          GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
          long used = info.getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
              .mapToLong(e -> e.getValue().getUsed()).sum();
          MAX_AFTER_GC.accumulateAndGet(used, Math::max);
        }
      }, null, null);
    }
  }

  private static long usedHeapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** Sum of the heap pools' peaks since the reset: an upper bound of heap in use, garbage included. */
  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static long mib(long bytes) {
    return Math.round(bytes / 1024.0 / 1024.0);
  }
}
