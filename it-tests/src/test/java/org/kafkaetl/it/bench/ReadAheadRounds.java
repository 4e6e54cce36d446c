package org.kafkaetl.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Raw topic, in the rounds of the map-task measurement: the map task once more with
 * {@code etl.read.ahead=true} beside the run without it, which goes first in odd rounds and second
 * in even ones, so neither always meets a warmer or a busier machine. Per round and as medians: the
 * map task's rate each way, read-ahead over one thread, and read-ahead over the minimal one-thread
 * pipeline of the same round. {@code -Dbench.etl.readAhead=false} leaves these runs out.
 */
final class ReadAheadRounds {
  /** Rounds' figures, and their medians, for bench.json. */
  record Result(List<Double> oneThreadMbPerSecond, List<Double> readAheadMbPerSecond, List<Double> readAheadOverOneThread,
      List<Double> readAheadOverMinimal, double oneThreadMbPerSecondMedian, double readAheadMbPerSecondMedian,
      double readAheadOverOneThreadMedian, double readAheadOverMinimalMedian) {}

  private final long payloadBytes;
  private final List<Double> oneThreadMb = new ArrayList<>();
  private final List<Double> readAheadMb = new ArrayList<>();
  private final List<Double> overOneThread = new ArrayList<>();
  private final List<Double> overMinimal = new ArrayList<>();

  ReadAheadRounds(long payloadBytes) {
    this.payloadBytes = payloadBytes;
  }

  /** Whether the benchmark runs them: unless {@code -Dbench.etl.readAhead=false}. */
  static boolean wanted() {
    return !"false".equals(System.getProperty("bench.etl.readAhead"));
  }

  /**
   * Runs the round's map task without and with read-ahead, in this round's order.
   *
   * @param run the job's round, with read-ahead or not
   * @param minimalMbPerSecond the minimal pipeline's rate in the same round
   * @return the round without read-ahead, the one every other figure of the round is measured on
   */
  EtlRateBench.EtlRound round(int round, Function<Boolean, EtlRateBench.EtlRound> run, double minimalMbPerSecond) {
    boolean aheadFirst = round % 2 == 0;
    EtlRateBench.EtlRound ahead = aheadFirst ? run.apply(true) : null;
    EtlRateBench.EtlRound oneThread = run.apply(false);
    if (!aheadFirst) {
      ahead = run.apply(true);
    }
    double one = payloadBytes / 1e6 / oneThread.mapTaskSeconds();
    double two = payloadBytes / 1e6 / ahead.mapTaskSeconds();
    oneThreadMb.add(one);
    readAheadMb.add(two);
    overOneThread.add(two / one);
    overMinimal.add(two / minimalMbPerSecond);
    System.out.printf(Locale.ROOT, "[bench] raw round %d (%s first): map task %.1f MB/s (%.2f s), with etl.read.ahead"
        + " %.1f MB/s (%.2f s); read-ahead / one thread %.2f, read-ahead / minimal pipeline %.2f%n", round,
        aheadFirst ? "read-ahead" : "one thread", one, oneThread.mapTaskSeconds(), two, ahead.mapTaskSeconds(), two / one,
        two / minimalMbPerSecond);
    return oneThread;
  }

  Result result() {
    return new Result(EtlRateBench.rounded(oneThreadMb), EtlRateBench.rounded(readAheadMb),
        EtlRateBench.rounded(overOneThread), EtlRateBench.rounded(overMinimal),
        EtlRateBench.round1(EtlRateBench.median(oneThreadMb)), EtlRateBench.round1(EtlRateBench.median(readAheadMb)),
        EtlRateBench.round2(EtlRateBench.median(overOneThread)), EtlRateBench.round2(EtlRateBench.median(overMinimal)));
  }

  void report(BenchReport report, CodecChoice codec) {
    Result r = result();
    report.info("2", "map task with etl.read.ahead / without (reading on a second thread), raw, " + codec,
        String.format(Locale.ROOT, "%.2f (with %.1f MB/s, without %.1f MB/s; rounds %s; load average %s after)",
            r.readAheadOverOneThreadMedian(), r.readAheadMbPerSecondMedian(), r.oneThreadMbPerSecondMedian(),
            r.readAheadOverOneThread(), BenchReport.loadAverage()));
    report.info("2", "map task with etl.read.ahead / minimal pipeline (1 thread), raw, " + codec,
        String.format(Locale.ROOT, "%.2f (rounds %s)", r.readAheadOverMinimalMedian(), r.readAheadOverMinimal()));
  }
}
