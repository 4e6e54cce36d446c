package org.kafkaetl.it.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.it.fixtures.KafkaFixture;
import org.kafkaetl.it.fixtures.MariaDbFixture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.Quiet;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LandedFiles.LandedFile;

/**
 * The end-to-end demo behind {@code scripts/demo}: a private MariaDB, a local Kafka broker and Hadoop
 * local mode; sample data on three topics (json, Avro binary, raw) with a hot partition over its split
 * threshold, late page views from yesterday and one undecodable message; two runs of the real CLI;
 * then the landed files, the etl_offsets rows and an exactly-once check computed from what was sent
 * and what the files contain (read with plain Avro readers); then the daily warehouse files the runs
 * merged into, the merge ledger, a second merge and a rebuild ({@link WarehouseReport}).
 *
 * <p>Argument: the project root (default: the working directory, or its parent when run in it-tests).
 */
public final class Demo {
  static final String PAGE_VIEWS = "page_views";
  static final String ORDERS = "orders";
  static final String AUDIT_LOG = "audit_log";
  private static final int PAGE_VIEW_PARTITIONS = 4;
  private static final int ORDER_PARTITIONS = 2;
  private static final int AUDIT_PARTITIONS = 2;
  private static final int HOT = 0;
  private static final long SPLIT_THRESHOLD = 500;
  private static final int USERS = 150;
  private static final String[] PAGES = {"/", "/search", "/cart", "/checkout", "/help", "/product/42", "/product/7"};
  private static final String[] SKUS = {"SKU-1001", "SKU-1002", "SKU-2040", "SKU-3300", "SKU-9000"};
  private static final String[] ACTIONS = {"login", "logout", "update-profile", "export", "delete-draft"};

  private final PrintStream out = System.out;
  private final Path root;
  private final Path demoDir;
  private final Path workRoot;
  private final Random random = new Random(20261121L);
  private final List<String> failures = new ArrayList<>();

  private final Schema pageViewSchema;
  private final Schema orderSchema;
  private final List<Pending> pending = new ArrayList<>();
  /** Every message sent, in send order once resolved. */
  private final List<Sent> sent = new ArrayList<>();
  private final Map<String, Long> userSeq = new HashMap<>();
  private long orderNo;
  private long auditNo;
  private long lateViews;
  private LocalDate todayDate;
  private LocalDate yesterdayDate;
  private long landedData;

  private KafkaFixture kafka;

  private Demo(Path root) {
    this.root = root;
    this.demoDir = root.resolve("it-tests/target/demo");
    this.workRoot = demoDir.resolve("work");
    this.pageViewSchema = parseSchema(root.resolve("conf/schemas/page_view.avsc"));
    this.orderSchema = parseSchema(root.resolve("conf/schemas/order.avsc"));
  }

  public static void main(String[] args) {
    long started = System.nanoTime();
    Quiet.infrastructureLogs();
    Path root = projectRoot(args);
    int status;
    try {
      status = new Demo(root).run(started);
    } catch (Throwable e) {
      System.out.flush();
      System.err.println("demo failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.out.flush();
    System.err.flush();
    // Kafka and Hadoop leave non-daemon threads behind; the fixtures are closed, so end the JVM here.
    System.exit(status);
  }

  private int run(long started) throws Exception {
    deleteRecursively(demoDir);
    Files.createDirectories(demoDir);
    heading("kafka-etl demo: local Kafka broker + private MariaDB + Hadoop local mode");
    step("starting MariaDB and Kafka");
    long t = System.nanoTime();
    try (MariaDbFixture db = MariaDbFixture.builder().database("kafka_etl").start();
        KafkaFixture k = Quiet.stdout(() -> KafkaFixture.builder().start())) {
      kafka = k;
      out.printf("  MariaDB  %s (user %s)%n", db.jdbcUrl().replaceAll("\\?.*", ""), db.user());
      out.printf("  Kafka    %s%n", k.bootstrapServers());
      out.printf("  started in %s%n", seconds(t));

      step("creating topics");
      kafka.createTopic(PAGE_VIEWS, PAGE_VIEW_PARTITIONS);
      kafka.createTopic(ORDERS, ORDER_PARTITIONS);
      kafka.createTopic(AUDIT_LOG, AUDIT_PARTITIONS);
      out.printf("  %-10s json, %d partitions, schema conf/schemas/page_view.avsc, split.threshold=%d%n",
          PAGE_VIEWS, PAGE_VIEW_PARTITIONS, SPLIT_THRESHOLD);
      out.printf("  %-10s avro binary, %d partitions, schema conf/schemas/order.avsc%n", ORDERS, ORDER_PARTITIONS);
      out.printf("  %-10s raw, %d partitions%n", AUDIT_LOG, AUDIT_PARTITIONS);

      Path config = writeConfig(db);
      Configuration hadoop = localHadoop();

      // ---- first batch and run ----
      step("producing the first batch");
      long now = System.currentTimeMillis();
      long yesterday = Instant.ofEpochMilli(now).minus(1, ChronoUnit.DAYS).toEpochMilli();
      todayDate = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
      yesterdayDate = LocalDate.ofInstant(Instant.ofEpochMilli(yesterday), ZoneOffset.UTC);
      int sentBefore = sent.size();
      sendPageViews(HOT, 1_800, now);
      for (int p = 1; p < PAGE_VIEW_PARTITIONS; p++) {
        sendPageViews(p, 300, now);
      }
      sendPageViews(1, 40, yesterday);
      lateViews += 40;
      sendUndecodable(2);
      for (int p = 0; p < ORDER_PARTITIONS; p++) {
        sendOrders(p, 400);
      }
      for (int p = 0; p < AUDIT_PARTITIONS; p++) {
        sendAudit(p, 300);
      }
      resolveSends();
      describeBatch(sentBefore);

      List<EtlCli.Result> results = new ArrayList<>();
      results.add(runCli(1, hadoop, config));

      // ---- second batch and run ----
      step("producing a second, smaller batch");
      sentBefore = sent.size();
      sendPageViews(HOT, 600, System.currentTimeMillis());
      sendPageViews(3, 50, System.currentTimeMillis());
      sendOrders(1, 120);
      sendAudit(0, 80);
      resolveSends();
      describeBatch(sentBefore);
      results.add(runCli(2, hadoop, config));

      // ---- what landed ----
      List<Map<String, Object>> rows = report(db, results);
      verify(results, rows);

      // ---- the daily warehouse files the runs merged into ----
      new WarehouseReport(this, db, hadoop, config, demoDir.resolve("warehouse"), workRoot, sent, todayDate,
          yesterdayDate, lateViews).report();

      // ---- what the person on call sees, and the independent proof ----
      heading("status and audit");
      EtlCli.Result status = runCommand("", hadoop, config, "status", "--topic", PAGE_VIEWS, "--date",
          todayDate.toString(), "--html", demoDir.resolve("status-page_views.html").toString());
      check(status.exitCode() == 0 && status.out().contains("nothing needs action"),
          "status of page_views today: nothing needs action (exit 0); HTML page written");
      for (String topic : List.of(PAGE_VIEWS, ORDERS, AUDIT_LOG)) {
        EtlCli.Result audit = runCommand("", hadoop, config, "audit", "--topic", topic, "--date", todayDate.toString(),
            "--against-kafka");
        check(audit.exitCode() == 0 && audit.out().contains(": CLEAN"), "audit " + topic + " " + todayDate
            + " --against-kafka: CLEAN (exit 0)");
      }
      EtlCli.Result lateAudit = runCommand("", hadoop, config, "audit", "--topic", PAGE_VIEWS, "--date",
          yesterdayDate.toString());
      check(lateAudit.exitCode() == 0, "audit page_views " + yesterdayDate + " (the late events): CLEAN (exit 0)");
    }
    kafka = null;

    heading(failures.isEmpty() ? "RESULT: all checks passed" : "RESULT: " + failures.size() + " check(s) FAILED");
    failures.forEach(f -> out.println("  FAILED: " + f));
    out.printf("total wall time of the demo (JVM, after the build): %s%n", seconds(started));
    return failures.isEmpty() ? 0 : 1;
  }

  // ------------------------------------------------------------------------------------------
  // set-up

  private Path writeConfig(MariaDbFixture db) throws IOException {
    Properties base = new Properties();
    try (InputStream in = Files.newInputStream(root.resolve("conf/kafka-etl.properties"))) {
      base.load(in);
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    overrides.put("db.url", db.jdbcUrl());
    overrides.put("db.user", db.user());
    overrides.put("db.password", db.password());
    overrides.put("etl.topics", String.join(",", PAGE_VIEWS, ORDERS, AUDIT_LOG));
    overrides.put("topic.page_views.schema", root.resolve("conf/schemas/page_view.avsc").toString());
    overrides.put("topic.orders.schema", root.resolve("conf/schemas/order.avsc").toString());
    overrides.put("topic.page_views.split.threshold", Long.toString(SPLIT_THRESHOLD));
    overrides.put("etl.work.root", workRoot.toUri().toString());
    overrides.put("etl.warehouse.root", demoDir.resolve("warehouse").toUri().toString());
    overrides.put("etl.max.pull.time", "2m");
    overrides.put("etl.stall.timeout", "30s");
    overrides.put("etl.max.mappers", "4");

    StringBuilder text = new StringBuilder()
        .append("# Written by the demo (org.kafkaetl.it.demo.Demo) from conf/kafka-etl.properties;\n")
        .append("# the keys below the first block are overridden for the local demo.\n");
    new TreeMap<>(base).forEach((k, v) -> {
      if (!overrides.containsKey(k.toString())) {
        text.append(k).append('=').append(escape(v.toString())).append('\n');
      }
    });
    text.append("\n# ---- demo overrides ----\n");
    overrides.forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('\n'));
    Path file = demoDir.resolve("kafka-etl.properties");
    Files.writeString(file, text, StandardCharsets.UTF_8);

    step("configuration " + root.relativize(file) + " (conf/kafka-etl.properties with demo overrides)");
    overrides.forEach((k, v) -> out.printf("  %-34s %s%n", k, k.contains("password") ? "[hidden]" : v));
    return file;
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }

  private Configuration localHadoop() {
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    conf.set("fs.defaultFS", "file:///");
    conf.set("hadoop.tmp.dir", demoDir.resolve("hadoop-tmp").toString());
    conf.setInt("mapreduce.local.map.tasks.maximum", 2);
    return conf;
  }

  // ------------------------------------------------------------------------------------------
  // producing

  private void sendPageViews(int partition, int count, long eventTime) {
    for (int i = 0; i < count; i++) {
      String user = String.format("u%03d", random.nextInt(USERS));
      long seq = userSeq.merge(user, 1L, Long::sum);
      String referrer = random.nextInt(3) == 0 ? "null" : "\"https://search.example/?q=" + random.nextInt(100) + "\"";
      String json = "{\"user_id\":\"" + user + "\",\"url\":\"https://shop.example" + PAGES[random.nextInt(PAGES.length)]
          + "\",\"referrer\":" + referrer + ",\"event_time\":" + eventTime + ",\"seq\":" + seq + "}";
      send(PAGE_VIEWS, partition, user.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8),
          user + "#" + seq, eventTime);
    }
  }

  private void sendUndecodable(int partition) {
    send(PAGE_VIEWS, partition, null, "{\"user_id\":\"u001\",\"url\":".getBytes(StandardCharsets.UTF_8), null, -1);
  }

  private void sendOrders(int partition, int count) {
    Schema lineSchema = orderSchema.getField("lines").schema().getElementType();
    Schema statusSchema = orderSchema.getField("status").schema();
    for (int i = 0; i < count; i++) {
      String orderId = String.format("o-%06d", ++orderNo);
      Instant createdAt = Instant.now();
      GenericRecord order = new GenericData.Record(orderSchema);
      order.put("order_id", orderId);
      order.put("customer_id", String.format("c%04d", random.nextInt(2_000)));
      order.put("created_at", createdAt.atOffset(ZoneOffset.UTC).toString());
      order.put("status", new GenericData.EnumSymbol(statusSchema,
          statusSchema.getEnumSymbols().get(random.nextInt(statusSchema.getEnumSymbols().size()))));
      List<GenericRecord> lines = new ArrayList<>();
      for (int l = 0, n = 1 + random.nextInt(3); l < n; l++) {
        GenericRecord line = new GenericData.Record(lineSchema);
        line.put("sku", SKUS[random.nextInt(SKUS.length)]);
        line.put("quantity", 1 + random.nextInt(4));
        line.put("unit_price_cents", 199L + random.nextInt(10_000));
        lines.add(line);
      }
      order.put("lines", lines);
      order.put("attributes", Map.of("channel", random.nextBoolean() ? "web" : "app"));
      send(ORDERS, partition, orderId.getBytes(StandardCharsets.UTF_8), EtlScenario.avroBinary(order), orderId,
          createdAt.toEpochMilli());
    }
  }

  private void sendAudit(int partition, int count) {
    for (int i = 0; i < count; i++) {
      String line = String.format("audit-%06d user=u%03d action=%s", ++auditNo, random.nextInt(USERS),
          ACTIONS[random.nextInt(ACTIONS.length)]);
      send(AUDIT_LOG, partition, null, line.getBytes(StandardCharsets.UTF_8), line, -1);
    }
  }

  private void send(String topic, int partition, byte[] key, byte[] value, String id, long eventTime) {
    pending.add(new Pending(topic, partition, id, eventTime, kafka.produce(topic, partition, key, value)));
  }

  private void resolveSends() throws InterruptedException, ExecutionException {
    kafka.flush();
    for (Pending p : pending) {
      RecordMetadata m = p.future().get();
      sent.add(new Sent(p.topic(), m.partition(), m.offset(), p.id(), p.eventTime()));
    }
    pending.clear();
  }

  private void describeBatch(int from) {
    List<Sent> batch = sent.subList(from, sent.size());
    Map<String, Map<Integer, Long>> counts = new TreeMap<>();
    batch.forEach(s -> counts.computeIfAbsent(s.topic(), k -> new TreeMap<>()).merge(s.partition(), 1L, Long::sum));
    counts.forEach((topic, byPartition) -> out.printf("  %-10s %5d messages  %s%n", topic,
        byPartition.values().stream().mapToLong(Long::longValue).sum(),
        byPartition.entrySet().stream().map(e -> "p" + e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))));
    long late = batch.stream().filter(s -> s.topic().equals(PAGE_VIEWS) && s.id() != null
        && LocalDate.ofInstant(Instant.ofEpochMilli(s.eventTime()), ZoneOffset.UTC).equals(yesterdayDate)).count();
    long bad = batch.stream().filter(s -> s.id() == null).count();
    if (late > 0 || bad > 0) {
      out.printf("  including %d late page views from yesterday and %d undecodable JSON message(s)%n", late, bad);
    }
  }

  // ------------------------------------------------------------------------------------------
  // running

  private EtlCli.Result runCli(int n, Configuration hadoop, Path config) {
    return runCommand("run " + n + ": ", hadoop, config, "run");
  }

  /** Runs {@code kafka-etl <args> --config <config>} in-process and prints what it printed. */
  EtlCli.Result runCommand(String label, Configuration hadoop, Path config, String... args) {
    step(label + "kafka-etl " + String.join(" ", args) + " --config " + root.relativize(config));
    long t = System.nanoTime();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config.toString()));
    EtlCli.Result r = EtlCli.execute(hadoop, all.toArray(String[]::new));
    out.printf("  exit code %d after %s%n", r.exitCode(), seconds(t));
    r.out().lines().forEach(l -> out.println("  | " + l));
    r.err().lines().forEach(l -> out.println("  ! " + l));
    return r;
  }

  // ------------------------------------------------------------------------------------------
  // reporting and checks

  private List<Map<String, Object>> report(MariaDbFixture db, List<EtlCli.Result> results) throws Exception {
    org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path rootPath = new org.apache.hadoop.fs.Path(workRoot.toUri());
    List<LandedFile> data = LandedFiles.dataFiles(fs, rootPath);
    List<LandedFile> errors = LandedFiles.errorFiles(fs, rootPath);

    heading("landed files under " + root.relativize(workRoot) + "/ (records read back with a plain Avro reader)");
    List<LandedFile> all = new ArrayList<>(data);
    all.addAll(errors);
    all.sort(Comparator.comparing(f -> fileSortKey(relative(f.path()))));
    String lastDir = "";
    for (LandedFile f : all) {
      String rel = relative(f.path());
      String dir = rel.substring(0, rel.lastIndexOf('/') + 1);
      if (!dir.equals(lastDir)) {
        out.println("  " + dir + annotateDir(dir));
        lastDir = dir;
      }
      out.printf("      %-44s %6d records%n", rel.substring(dir.length()), f.records().size());
      if (dir.contains("/" + WorkLayout.ERRORS_DIR + "/")) {
        f.records().forEach(r -> out.printf("        offset %s: %s%n", r.get("offset"), r.get("reason")));
      }
    }
    try (Stream<Path> reports = Files.walk(workRoot)) {
      long n = reports.filter(p -> p.getParent().getFileName().toString().equals(WorkLayout.REPORTS_DIR)
          && p.toString().endsWith(".json")).count();
      out.printf("  (+ %d task reports under <hour>/%s/)%n", n, WorkLayout.REPORTS_DIR);
    }

    heading("etl_runs");
    printQuery(db, "SELECT run_id, hour, kind, state, started_at_utc, finished_at_utc FROM etl_runs ORDER BY run_id");
    heading("etl_offsets");
    List<Map<String, Object>> rows = printQuery(db, "SELECT topic, kafka_partition, begin_offset, end_offset, run_id,"
        + " hour, state, records, decode_errors FROM etl_offsets ORDER BY topic, kafka_partition, begin_offset");

    checkLanded(data, errors);
    return rows;
  }

  private static String fileSortKey(String rel) {
    // hour / topic / (date dirs before _errors) / topic.partition.begin-end: numeric order of begin
    String[] parts = rel.split("/");
    String name = parts[parts.length - 1];
    Optional<KafkaEvent> e = WorkLayout.parseDataFileName(name.replace(".errors.avro", ".avro"));
    String order = e.map(ev -> String.format("%05d.%015d", ev.partition().partition(), ev.range().begin())).orElse(name);
    return String.join("/", List.of(parts).subList(0, parts.length - 1)) + "/" + order;
  }

  private String annotateDir(String dir) {
    String[] parts = dir.split("/");
    if (parts.length >= 3 && parts[2].equals(WorkLayout.ERRORS_DIR)) {
      return "   <- undecodable messages";
    }
    if (parts.length >= 3 && parts[2].equals(String.valueOf(yesterdayDate))) {
      return "   <- late events (event date yesterday)";
    }
    return "";
  }

  private String relative(org.apache.hadoop.fs.Path p) {
    return workRoot.relativize(Path.of(p.toUri())).toString();
  }

  /** The exactly-once check: what was sent (topic, partition, offset) against what the files hold. */
  private void checkLanded(List<LandedFile> data, List<LandedFile> errors) {
    Map<String, Map<String, Sent>> byId = new HashMap<>();
    Map<String, Sent> byOffset = new HashMap<>();
    for (Sent s : sent) {
      if (s.id() != null && byId.computeIfAbsent(s.topic(), k -> new HashMap<>()).put(s.id(), s) != null) {
        throw new IllegalStateException("demo bug: id " + s.id() + " sent twice");
      }
      byOffset.put(s.coordinates(), s);
    }
    Map<String, Integer> landedCount = new HashMap<>();
    List<String> problems = new ArrayList<>();
    long dataRecords = 0;
    long lateLanded = 0;
    boolean yesterdayDir = false;
    for (LandedFile f : data) {
      Optional<KafkaEvent> event = WorkLayout.parseDataFileName(f.name());
      if (event.isEmpty()) {
        problems.add("unexpected file name " + f.path());
        continue;
      }
      String topic = event.get().topic();
      LocalDate dir = LocalDate.parse(f.dateDir());
      if (dir.equals(yesterdayDate)) {
        yesterdayDir = true;
      }
      for (GenericRecord r : f.records()) {
        dataRecords++;
        String id = recordId(topic, r);
        Sent s = byId.getOrDefault(topic, Map.of()).get(id);
        if (s == null) {
          problems.add("record " + id + " in " + f.name() + " was never sent");
          continue;
        }
        if (s.partition() != event.get().partition().partition() || !event.get().range().contains(s.offset())) {
          problems.add(s + " landed in " + f.name() + ", whose range does not hold it");
        }
        if (topic.equals(AUDIT_LOG) && (Long) r.get("offset") != s.offset()) {
          problems.add(s + " landed with offset " + r.get("offset"));
        }
        if (s.eventTime() >= 0) {
          LocalDate eventDate = LocalDate.ofInstant(Instant.ofEpochMilli(s.eventTime()), ZoneOffset.UTC);
          if (!eventDate.equals(dir)) {
            problems.add(s + " with event date " + eventDate + " landed under " + dir);
          }
          if (eventDate.equals(yesterdayDate) && topic.equals(PAGE_VIEWS)) {
            lateLanded++;
          }
        }
        landedCount.merge(s.coordinates(), 1, Integer::sum);
      }
    }
    long errorRecords = 0;
    for (LandedFile f : errors) {
      for (GenericRecord r : f.records()) {
        errorRecords++;
        String coordinates = r.get("topic") + "-" + r.get("partition") + "@" + r.get("offset");
        Sent s = byOffset.get(coordinates);
        if (s == null || s.id() != null) {
          problems.add("error file " + f.name() + " holds " + coordinates + ", which was sent decodable or never");
        }
        landedCount.merge(coordinates, 1, Integer::sum);
      }
    }
    long missing = sent.stream().filter(s -> !landedCount.containsKey(s.coordinates())).count();
    long duplicated = landedCount.values().stream().filter(c -> c > 1).count();
    sent.stream().filter(s -> !landedCount.containsKey(s.coordinates())).limit(5)
        .forEach(s -> problems.add(s + " did not land"));
    landedCount.entrySet().stream().filter(e -> e.getValue() > 1).limit(5)
        .forEach(e -> problems.add(e.getKey() + " landed " + e.getValue() + " times"));

    heading("record count");
    long undecodable = sent.stream().filter(s -> s.id() == null).count();
    out.printf("  produced             %6d messages (%d decodable + %d undecodable)%n", sent.size(),
        sent.size() - undecodable, undecodable);
    out.printf("  landed               %6d records in %d data files + %d in %d error file(s) = %d%n",
        dataRecords, data.size(), errorRecords, errors.size(), dataRecords + errorRecords);
    out.printf("  late page views      %6d sent with yesterday's event time, %d landed under a yesterday date directory%n",
        lateViews, lateLanded);
    out.printf("  offsets missing %d, landed more than once %d, misplaced or unknown %d%n", missing, duplicated,
        problems.size() - Math.min(5, missing) - Math.min(5, duplicated));
    problems.stream().limit(20).forEach(p -> out.println("    " + p));
    boolean exactlyOnce = problems.isEmpty() && missing == 0 && duplicated == 0
        && dataRecords + errorRecords == sent.size();
    if (exactlyOnce) {
      out.println("  VERDICT: every produced offset landed exactly once");
    } else {
      out.println("  VERDICT: NOT every produced offset landed exactly once");
      failures.add("exactly-once check (" + missing + " missing, " + duplicated + " duplicated, " + problems.size()
          + " problems)");
    }
    check(yesterdayDir && lateLanded == lateViews, "late page views landed under yesterday's date directory");
    check(errors.size() == 1 && errorRecords == undecodable, "the undecodable message is in an _errors file");
    this.landedData = dataRecords;
  }

  private void verify(List<EtlCli.Result> results, List<Map<String, Object>> rows) {
    heading("checks");
    for (int i = 0; i < results.size(); i++) {
      check(results.get(i).exitCode() == 0, "run " + (i + 1) + " exited 0");
    }
    // etl_offsets: per partition the rows tile [0, Kafka's end offset), all complete; counts match.
    Map<String, List<Map<String, Object>>> byPartition = new TreeMap<>();
    rows.forEach(r -> byPartition.computeIfAbsent(r.get("topic") + "-" + r.get("kafka_partition"), k -> new ArrayList<>())
        .add(r));
    Map<String, Long> sentPerPartition = sent.stream()
        .collect(Collectors.groupingBy(s -> s.topic() + "-" + s.partition(), Collectors.counting()));
    Map<String, Long> endOffsets = new HashMap<>();
    for (var t : Map.of(PAGE_VIEWS, PAGE_VIEW_PARTITIONS, ORDERS, ORDER_PARTITIONS, AUDIT_LOG, AUDIT_PARTITIONS).entrySet()) {
      kafka.endOffsets(t.getKey(), t.getValue()).forEach((tp, end) -> endOffsets.put(tp.topic() + "-" + tp.partition(), end));
    }
    List<String> tiling = new ArrayList<>();
    new TreeMap<>(endOffsets).forEach((tp, end) -> {
      long next = 0;
      for (Map<String, Object> r : byPartition.getOrDefault(tp, List.of())) {
        long begin = ((Number) r.get("begin_offset")).longValue();
        long endOffset = ((Number) r.get("end_offset")).longValue();
        if (begin != next) {
          tiling.add(tp + ": range " + begin + "-" + endOffset + " does not start at " + next);
        }
        if (!"COMPLETE".equals(r.get("state"))) {
          tiling.add(tp + ": range " + begin + "-" + endOffset + " is " + r.get("state"));
        }
        long counted = ((Number) r.get("records")).longValue() + ((Number) r.get("decode_errors")).longValue();
        if (counted != endOffset - begin) {
          tiling.add(tp + ": range " + begin + "-" + endOffset + " counts " + counted + " messages");
        }
        next = endOffset;
      }
      if (next != end) {
        tiling.add(tp + ": ranges end at " + next + ", Kafka at " + end);
      }
      if (sentPerPartition.getOrDefault(tp, 0L).longValue() != end.longValue()) {
        tiling.add(tp + ": " + sentPerPartition.getOrDefault(tp, 0L) + " sent, Kafka's end offset is " + end);
      }
    });
    tiling.forEach(p -> out.println("    " + p));
    check(tiling.isEmpty(), "etl_offsets ranges tile every partition from 0 to Kafka's end offset, all COMPLETE,"
        + " records + decode_errors = range size");
    long dbRecords = rows.stream().mapToLong(r -> ((Number) r.get("records")).longValue()).sum();
    check(dbRecords == landedData, "etl_offsets records (" + dbRecords + ") = records in landed files (" + landedData + ")");

    // the hot partition's first range was split into ceil(n / threshold) events of at most threshold
    List<Map<String, Object>> hot = byPartition.getOrDefault(PAGE_VIEWS + "-" + HOT, List.of());
    long firstRun = hot.isEmpty() ? -1 : ((Number) hot.get(0).get("run_id")).longValue();
    List<Map<String, Object>> hotFirst = hot.stream()
        .filter(r -> ((Number) r.get("run_id")).longValue() == firstRun).toList();
    long hotMessages = hotFirst.stream()
        .mapToLong(r -> ((Number) r.get("end_offset")).longValue() - ((Number) r.get("begin_offset")).longValue()).sum();
    long expectedParts = (hotMessages + SPLIT_THRESHOLD - 1) / SPLIT_THRESHOLD;
    boolean sizesOk = hotFirst.stream().allMatch(r ->
        ((Number) r.get("end_offset")).longValue() - ((Number) r.get("begin_offset")).longValue() <= SPLIT_THRESHOLD);
    check(hotFirst.size() >= 2 && hotFirst.size() == expectedParts && sizesOk, "hot partition page_views-" + HOT + ": "
        + hotMessages + " messages over split.threshold " + SPLIT_THRESHOLD + " -> " + hotFirst.size()
        + " events in run " + firstRun + " (expected " + expectedParts + ", each <= threshold)");

    // the second run continues exactly where the first ended
    List<String> continued = new ArrayList<>();
    boolean continues = true;
    for (var e : byPartition.entrySet()) {
      List<Long> runs = e.getValue().stream().map(r -> ((Number) r.get("run_id")).longValue()).distinct().sorted().toList();
      if (runs.size() < 2) {
        continue;
      }
      long firstEnd = e.getValue().stream().filter(r -> ((Number) r.get("run_id")).longValue() == runs.get(0))
          .mapToLong(r -> ((Number) r.get("end_offset")).longValue()).max().orElseThrow();
      long secondBegin = e.getValue().stream().filter(r -> ((Number) r.get("run_id")).longValue() == runs.get(1))
          .mapToLong(r -> ((Number) r.get("begin_offset")).longValue()).min().orElseThrow();
      continued.add(e.getKey() + " " + firstEnd + "->" + secondBegin);
      continues &= firstEnd == secondBegin;
    }
    check(continues && !continued.isEmpty(), "run 2 starts where run 1 ended: " + String.join(", ", continued));
  }

  /** How the demo tells its records apart: what {@code send} recorded as the message's id. */
  static String recordId(String topic, GenericRecord r) {
    return switch (topic) {
      case PAGE_VIEWS -> r.get("user_id") + "#" + r.get("seq");
      case ORDERS -> r.get("order_id").toString();
      default -> text((ByteBuffer) r.get("value"));
    };
  }

  void check(boolean ok, String what) {
    out.println("  [" + (ok ? " ok " : "FAIL") + "] " + what);
    if (!ok) {
      failures.add(what);
    }
  }

  List<Map<String, Object>> printQuery(MariaDbFixture db, String sql) throws SQLException {
    List<String> columns = new ArrayList<>();
    List<Map<String, Object>> rows = query(db, sql, columns);
    printTable(sql, columns, rows);
    return rows;
  }

  static List<Map<String, Object>> query(MariaDbFixture db, String sql) throws SQLException {
    return query(db, sql, new ArrayList<>());
  }

  private static List<Map<String, Object>> query(MariaDbFixture db, String sql, List<String> columns)
      throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnLabel(i));
      }
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns.size(); i++) {
          row.put(columns.get(i - 1), rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private void printTable(String sql, List<String> columns, List<Map<String, Object>> rows) {
    out.println("  " + sql);
    int[] widths = columns.stream().mapToInt(String::length).toArray();
    for (Map<String, Object> row : rows) {
      int i = 0;
      for (Object v : row.values()) {
        widths[i] = Math.max(widths[i], String.valueOf(v).length());
        i++;
      }
    }
    StringBuilder sep = new StringBuilder("  +");
    for (int w : widths) {
      sep.append("-".repeat(w + 2)).append('+');
    }
    out.println(sep);
    out.println(tableRow(columns, widths));
    out.println(sep);
    for (Map<String, Object> row : rows) {
      out.println(tableRow(row.values().stream().map(String::valueOf).toList(), widths));
    }
    out.println(sep);
    out.printf("  %d rows%n", rows.size());
  }

  private static String tableRow(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder("  |");
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      boolean numeric = cell.matches("-?\\d+");
      b.append(' ').append(numeric ? String.format("%" + widths[i] + "s", cell) : String.format("%-" + widths[i] + "s", cell))
          .append(" |");
    }
    return b.toString();
  }

  // ------------------------------------------------------------------------------------------
  // helpers

  PrintStream out() {
    return out;
  }

  String relativeToRoot(Path path) {
    return root.relativize(path).toString();
  }

  void heading(String text) {
    out.println();
    out.println("== " + text);
  }

  void step(String text) {
    out.println();
    out.println("-- " + text);
  }

  private static String seconds(long startNanos) {
    return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }

  private static String text(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static Schema parseSchema(Path file) {
    try {
      return new Schema.Parser().parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Path projectRoot(String[] args) {
    Path dir = (args.length > 0 ? Path.of(args[0]) : Path.of("")).toAbsolutePath().normalize();
    if (!Files.exists(dir.resolve("conf/kafka-etl.properties")) && dir.getParent() != null
        && Files.exists(dir.getParent().resolve("conf/kafka-etl.properties"))) {
      dir = dir.getParent();
    }
    if (!Files.exists(dir.resolve("conf/kafka-etl.properties"))) {
      throw new IllegalArgumentException("not the kafka-etl project root (no conf/kafka-etl.properties): " + dir);
    }
    return dir;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }


  private record Pending(String topic, int partition, String id, long eventTime, Future<RecordMetadata> future) {}

  /** One message as Kafka acknowledged it; {@code id} is null for the undecodable one. */
  record Sent(String topic, int partition, long offset, String id, long eventTime) {
    String coordinates() {
      return topic + "-" + partition + "@" + offset;
    }

    @Override
    public String toString() {
      return coordinates() + (id == null ? "" : " (" + id + ")");
    }
  }
}
