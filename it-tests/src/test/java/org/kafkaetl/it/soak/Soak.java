package org.kafkaetl.it.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.SmsGateway;

/**
 * The soak engine: simulated hours of production traffic, the real hourly run and merge with one
 * scheduled fault per hour, the operator acting on the SMS, then a settling hour, the audit and the
 * independent check. {@link #run} returns what went wrong; an empty list is a pass.
 */
public final class Soak {
  /** What to soak: the seed decides the schedule, the traffic and every random choice of the faults. */
  public record Settings(long seed, int hours, List<FaultClass> faults, int timesEach, int perHour, int partitions) {}

  /** The outcome: the problems (none = exactly once), the table and the wall time. */
  public record Report(Settings settings, List<String> problems, String table, Duration wallTime) {}

  private static final int BASE_RATE = 30;
  private static final int BURST_FACTOR = 10;

  private final EtlTestEnvironment env;
  private final Optional<ClusterNodes> nodes;
  private final Path tmp;
  private final Settings settings;
  private final SoakLog log = new SoakLog();
  private final DeletedRanges deleted = new DeletedRanges();
  private final SoakTable table = new SoakTable();

  public Soak(EtlTestEnvironment env, Optional<ClusterNodes> nodes, Path tmp, Settings settings) {
    this.env = env;
    this.nodes = nodes;
    this.tmp = tmp;
    this.settings = settings;
  }

  public Report run() throws Exception {
    long t0 = System.nanoTime();
    FaultScheduler schedule = new FaultScheduler(settings.seed(), settings.hours(), settings.faults(),
        settings.timesEach(), settings.perHour());
    log.line("seed " + settings.seed() + " (replay: -Dsoak.seed=" + settings.seed() + " -Dsoak.hours=" + settings.hours()
        + "), " + settings.hours() + " simulated hours");
    try (SmsGateway gateway = SmsGateway.start()) {
      EtlScenario scenario = scenario(gateway);
      EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp.resolve("cli"), scenario.properties());
      scenario.set("alerts.fix.config", cli.configFile().toString());
      SoakProducer producer = new SoakProducer(env.kafka(), scenario.raw, settings.partitions());
      SoakRunner runner = new SoakRunner(scenario, env.hadoop().configuration(), env.hadoop().fileSystem(), cli);
      Operator operator = new Operator(gateway);
      Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(settings.hours() + 2L, ChronoUnit.HOURS)
          .plus(5, ChronoUnit.MINUTES);
      for (int h = 0; h < settings.hours(); h++) {
        simulate(hour(h, start, scenario, producer, runner), schedule.faultsAt(h), operator);
      }
      SimulatedHour last = hour(settings.hours(), start, scenario, producer, runner);
      settle(last, operator, runner, producer);
      List<String> problems = new ArrayList<>(audit(cli, scenario.raw, datesProduced(start)));
      problems.addAll(check(scenario, producer, schedule));
      String rendered = table.render();
      Duration wall = Duration.ofNanos(System.nanoTime() - t0);
      log.line("seed " + settings.seed() + ", " + settings.hours() + " simulated hours, wall time "
          + wall.toMinutes() + " min " + wall.toSecondsPart() + " s\n" + rendered);
      problems.forEach(p -> log.line("PROBLEM: " + p));
      return new Report(settings, problems, rendered, wall);
    }
  }

  /**
   * One simulated hour: its traffic, the run and merge with each of its faults one after the other
   * (each injector runs the hour again, meeting what the fault before left), then the operator.
   */
  private void simulate(SimulatedHour hour, List<FaultClass> faults, Operator operator) throws Exception {
    produceTraffic(hour);
    List<FaultClass> injected = new ArrayList<>();
    if (faults.isEmpty()) {
      log.line("no fault at " + hour.now);
      hour.runAndMerge();
    }
    for (FaultClass fault : faults) {
      log.line("fault: " + fault.description() + " at " + hour.now);
      hour.beginFault();
      FaultInjector.of(fault).inject(hour);
      if (hour.injected()) {
        injected.add(fault);
      }
    }
    table.hour(faults, injected, operator.handlePages(hour));
  }

  private EtlScenario scenario(SmsGateway gateway) {
    EtlScenario s = new EtlScenario(env, tmp, settings.partitions());
    s.onlyTopic(s.raw);
    s.properties().putAll(gateway.alertSettings(""));
    // the soak merges after each run itself, through the merge command, at the simulated hour's dates
    s.set("etl.merge.after.run", "false").set("etl.stall.timeout", "20s").set("etl.max.pull.time", "2m")
        .set("etl.retry.max.attempts", "3").set("etl.max.mappers", "3")
        .set("topic." + s.raw + ".split.threshold", "150")
        // every page reaches the operator: the soak's hours pass in seconds of real time
        .set("alerts.suppression.window", "1ms");
    s.database().migrate();
    return s;
  }

  private SimulatedHour hour(int h, Instant start, EtlScenario scenario, SoakProducer producer, SoakRunner runner) {
    log.hour(h);
    return new SimulatedHour(h, start.plus(h, ChronoUnit.HOURS), env, scenario, producer, runner, nodes,
        new Random(seedOf(31, h)), log, deleted);
  }

  /**
   * A seed for one stream (traffic, faults) and hour, well mixed: java.util.Random's first draws from
   * nearby seeds (seed * 17 + hour) are nearly equal, so every hour would draw the same.
   */
  private long seedOf(int stream, int hour) {
    return new java.util.SplittableRandom(settings.seed() * 1_000_003L + stream * 1_009L + hour).nextLong();
  }

  /** A varying rate per partition, and now and then a burst of ten times that into one partition. */
  private void produceTraffic(SimulatedHour hour) {
    Random traffic = new Random(seedOf(17, hour.index));
    int partitions = hour.partitions();
    int burstPartition = traffic.nextInt(4) == 0 ? traffic.nextInt(partitions) : -1;
    for (int p = 0; p < partitions; p++) {
      int count = BASE_RATE / 2 + traffic.nextInt(BASE_RATE);
      if (p == burstPartition) {
        count *= BURST_FACTOR;
        log.line("burst: " + count + " messages into partition " + p);
      }
      hour.producer.send(p, count, hour.index, hour.now.minus(60, ChronoUnit.MINUTES), hour.now.minus(5, ChronoUnit.MINUTES));
    }
  }

  /** A last clean hour and merge of every date, with the operator, so nothing is left in flight. */
  private void settle(SimulatedHour last, Operator operator, SoakRunner runner, SoakProducer producer)
      throws InterruptedException {
    log.line("settling: a last clean run, then every date merged");
    last.runAndMerge();
    operator.handlePages(last);
    for (LocalDate date : runner.datesLanded(allHours(last))) {
      EtlCli.Result merged = runner.cli().run("merge", "--topic", producer.topic(), "--date", date.toString());
      log.line("merge " + date + ": exit " + merged.exitCode());
    }
    operator.handlePages(last);
  }

  private List<org.kafkaetl.core.HourPartition> allHours(SimulatedHour last) {
    List<org.kafkaetl.core.HourPartition> hours = new ArrayList<>();
    for (int h = 0; h <= settings.hours(); h++) {
      hours.add(org.kafkaetl.core.HourPartition.containing(last.now.minus(settings.hours() - h, ChronoUnit.HOURS),
          ZoneOffset.UTC));
    }
    return hours;
  }

  private SortedSet<LocalDate> datesProduced(Instant start) {
    SortedSet<LocalDate> dates = new TreeSet<>();
    for (int h = 0; h < settings.hours(); h++) {
      Instant now = start.plus(h, ChronoUnit.HOURS);
      dates.add(LocalDate.ofInstant(now.minus(60, ChronoUnit.MINUTES), ZoneOffset.UTC));
      dates.add(LocalDate.ofInstant(now, ZoneOffset.UTC));
    }
    return dates;
  }

  /** The audit step: {@code audit --topic T --date D} must exit 0 (clean) for every date written to. */
  private List<String> audit(EtlCli cli, String topic, SortedSet<LocalDate> dates) {
    List<String> problems = new ArrayList<>();
    for (LocalDate date : dates) {
      EtlCli.Result audit = cli.run("audit", "--topic", topic, "--date", date.toString());
      log.line("audit " + date + ": exit " + audit.exitCode());
      if (audit.exitCode() != 0) {
        problems.add("audit of " + date + " is not clean: " + audit);
      }
    }
    return problems;
  }

  private List<String> check(EtlScenario scenario, SoakProducer producer, FaultScheduler schedule) throws Exception {
    IndependentCheck.Result result = IndependentCheck.check(env.hadoop().fileSystem(),
        new org.apache.hadoop.fs.Path(scenario.properties().get("etl.warehouse.root")),
        new org.apache.hadoop.fs.Path(scenario.workRoot), scenario.raw, producer);
    table.findings(result.lost(), result.duplicated(), schedule);
    log.line("independent check: " + result.checked() + " messages sent, " + result.lost().size() + " lost ("
        + deleted.ranges() + " deleted by retention), " + result.duplicated().size() + " duplicated, "
        + result.unmerged().size() + " only in hourly files");
    List<String> problems = new ArrayList<>();
    result.lostOutside(deleted).stream().limit(20).forEach(f -> problems.add("lost outside a retention range: " + f));
    if (result.expectedLossLanded(deleted) > 0) {
      problems.add(result.expectedLossLanded(deleted) + " offsets Kafka deleted were found landed");
    }
    result.duplicated().stream().limit(20).forEach(f -> problems.add("duplicated: " + f));
    result.unmerged().stream().limit(20).forEach(f -> problems.add("landed but never merged: " + f));
    result.wrong().stream().limit(20).forEach(problems::add);
    for (FaultClass fault : settings.faults()) {
      if (table.injected(fault) < settings.timesEach()) {
        problems.add(fault + " injected " + table.injected(fault) + " times, scheduled " + settings.timesEach());
      }
    }
    return problems;
  }
}
