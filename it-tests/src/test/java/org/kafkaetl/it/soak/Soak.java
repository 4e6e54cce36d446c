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
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.SmsGateway;

/**
 * The soak engine: simulated hours of production traffic, the real hourly run and merge with the
 * hour's scheduled faults, the operator acting on the SMS, then a settling hour, the audit and the
 * independent check. {@link #run} returns what went wrong; an empty list is a pass.
 */
public final class Soak {
  /**
   * What to soak: the seed decides the schedule, the traffic and every random choice of the faults.
   *
   * @param perHour how many fault classes may strike in one hour
   * @param rate the mean number of messages per partition and hour (bursts are ten times that)
   * @param formats the topics soaked, one per format; the first must be raw (faults that need a
   *     topic of their own — retention, poison, recreation, new partitions — act on it)
   */
  public record Settings(long seed, int hours, List<FaultClass> faults, int timesEach, int perHour, int partitions,
      int rate, List<SoakFormat> formats) {
    public Settings {
      if (formats.isEmpty() || formats.get(0) != SoakFormat.RAW) {
        throw new IllegalArgumentException("the first soaked format must be RAW, got " + formats);
      }
    }
  }

  /** The outcome: the problems (none = exactly once), the table and the wall time. */
  public record Report(Settings settings, List<String> problems, String table, Duration wallTime) {}

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
        + " -Dsoak.times=" + settings.timesEach() + " -Dsoak.perHour=" + settings.perHour() + " -Dsoak.partitions="
        + settings.partitions() + " -Dsoak.rate=" + settings.rate() + " -Dsoak.formats="
        + String.join(",", settings.formats().stream().map(Enum::name).toList()) + "), " + settings.hours()
        + " simulated hours, " + settings.faults().size() + " fault classes");
    try (SmsGateway gateway = SmsGateway.start()) {
      EtlScenario scenario = scenario(gateway);
      EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp.resolve("cli"), scenario.properties());
      scenario.set("alerts.fix.config", cli.configFile().toString());
      List<SoakProducer> producers = new ArrayList<>();
      for (SoakFormat format : settings.formats()) {
        producers.add(new SoakProducer(env.kafka(), topicOf(scenario, format), format, settings.partitions()));
      }
      List<String> topics = producers.stream().map(SoakProducer::topic).toList();
      SoakRunner runner = new SoakRunner(scenario, topics, env.hadoop().configuration(), env.hadoop().fileSystem(), cli);
      Operator operator = new Operator(gateway);
      SoakTraffic traffic = new SoakTraffic(settings.rate(), log, stream -> seedOf(17, stream));
      Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(settings.hours() + 2L, ChronoUnit.HOURS)
          .plus(5, ChronoUnit.MINUTES);
      for (int h = 0; h < settings.hours(); h++) {
        SimulatedHour hour = hour(h, start, scenario, producers, runner);
        traffic.produce(hour, producers);
        simulate(hour, schedule.faultsAt(h), operator);
      }
      SimulatedHour last = hour(settings.hours(), start, scenario, producers, runner);
      settle(last, operator, runner, topics);
      SoakVerdict verdict = new SoakVerdict(log, deleted, table);
      List<String> problems = new ArrayList<>(verdict.audit(cli, producers, datesProduced(start)));
      problems.addAll(verdict.check(env.hadoop().fileSystem(),
          new org.apache.hadoop.fs.Path(scenario.properties().get("etl.warehouse.root")),
          new org.apache.hadoop.fs.Path(scenario.workRoot), producers, schedule));
      for (FaultClass fault : settings.faults()) {
        if (table.injected(fault) < settings.timesEach()) {
          problems.add(fault + " injected " + table.injected(fault) + " times, scheduled " + settings.timesEach());
        }
      }
      String rendered = table.render(settings.faults());
      Duration wall = Duration.ofNanos(System.nanoTime() - t0);
      long messages = producers.stream().mapToLong(SoakProducer::acknowledged).sum();
      log.line("seed " + settings.seed() + ", " + settings.hours() + " simulated hours, " + messages
          + " messages acknowledged, wall time " + wall.toMinutes() + " min " + wall.toSecondsPart() + " s\n" + rendered);
      problems.forEach(p -> log.line("PROBLEM: " + p));
      return new Report(settings, problems, rendered, wall);
    }
  }

  /**
   * One simulated hour after its traffic: the faults that strike a reading job strike one run's job
   * at once; then each other fault (and any that could not act beside the others) runs the hour
   * again, one after the other, meeting what the one before left; then the operator.
   */
  private void simulate(SimulatedHour hour, List<FaultClass> faults, Operator operator) throws Exception {
    List<FaultClass> injected = new ArrayList<>();
    if (faults.isEmpty()) {
      log.line("no fault at " + hour.now);
      hour.runAndMerge();
    }
    List<FaultInjector> alone = new ArrayList<>(faults.stream().map(FaultInjector::of).toList());
    List<StrikesWhileReading> together = alone.stream().filter(StrikesWhileReading.class::isInstance)
        .map(StrikesWhileReading.class::cast).toList();
    boolean first = true;
    if (together.size() > 1) {
      log.line("faults at once: " + together.stream().map(f -> f.faultClass().description()).toList() + " at " + hour.now);
      alone.removeAll(together);
      List<StrikesWhileReading> missed = StrikeTogether.strike(hour, together, new Random(seedOf(43, hour.index)));
      together.stream().filter(f -> !missed.contains(f)).forEach(f -> injected.add(f.faultClass()));
      missed.forEach(f -> alone.add(FaultInjector.of(f.faultClass())));
      first = false;
    }
    for (FaultInjector fault : alone) {
      if (!first) {
        // the fault before may have landed everything: give this one's run something to read
        hour.writeBetweenFaults();
      }
      first = false;
      log.line("fault: " + fault.faultClass().description() + " at " + hour.now);
      hour.beginFault();
      fault.inject(hour);
      if (hour.injected()) {
        injected.add(fault.faultClass());
      }
    }
    table.hour(faults, injected, operator.handlePages(hour));
  }

  private EtlScenario scenario(SmsGateway gateway) {
    EtlScenario s = new EtlScenario(env, tmp, settings.partitions());
    if (settings.formats().size() == 1) {
      s.onlyTopic(s.raw);
    } else {
      s.set("etl.topics", String.join(",", settings.formats().stream().map(f -> topicOf(s, f)).toList()));
    }
    s.properties().putAll(gateway.alertSettings(""));
    // the soak merges after each run itself, through the merge command, at the simulated hour's dates
    s.set("etl.merge.after.run", "false").set("etl.stall.timeout", "20s").set("etl.max.pull.time", "2m")
        .set("etl.retry.max.attempts", "3").set("etl.max.mappers", "3")
        // every page reaches the operator: the soak's hours pass in seconds of real time
        .set("alerts.suppression.window", "1ms");
    for (SoakFormat format : settings.formats()) {
      // five times the mean rate: a burst (ten times) is split over several mappers
      s.set("topic." + topicOf(s, format) + ".split.threshold", String.valueOf(5 * settings.rate()));
    }
    s.database().migrate();
    return s;
  }

  private static String topicOf(EtlScenario s, SoakFormat format) {
    return switch (format) {
      case RAW -> s.raw;
      case JSON -> s.json;
      case AVRO -> s.avro;
    };
  }

  private SimulatedHour hour(int h, Instant start, EtlScenario scenario, List<SoakProducer> producers,
      SoakRunner runner) {
    log.hour(h);
    return new SimulatedHour(h, start.plus(h, ChronoUnit.HOURS), env, scenario, producers, runner, nodes,
        new Random(seedOf(31, h)), log, deleted);
  }

  /**
   * A seed for one stream (traffic, faults) and hour, well mixed: java.util.Random's first draws from
   * nearby seeds (seed * 17 + hour) are nearly equal, so every hour would draw the same.
   */
  private long seedOf(int stream, long hour) {
    return new java.util.SplittableRandom(settings.seed() * 1_000_003L + stream * 1_009L + hour).nextLong();
  }

  /** A last clean hour and merge of every date, with the operator, so nothing is left in flight. */
  private void settle(SimulatedHour last, Operator operator, SoakRunner runner, List<String> topics)
      throws InterruptedException {
    log.line("settling: a last clean run, then every date merged");
    last.runAndMerge();
    operator.handlePages(last);
    for (String topic : topics) {
      for (LocalDate date : runner.datesLanded(topic, allHours(last))) {
        EtlCli.Result merged = runner.cli().run("merge", "--topic", topic, "--date", date.toString());
        log.line("merge " + topic + " " + date + ": exit " + merged.exitCode());
      }
    }
    operator.handlePages(last);
  }

  private List<HourPartition> allHours(SimulatedHour last) {
    List<HourPartition> hours = new ArrayList<>();
    for (int h = 0; h <= settings.hours(); h++) {
      hours.add(HourPartition.containing(last.now.minus(settings.hours() - h, ChronoUnit.HOURS), ZoneOffset.UTC));
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
}
