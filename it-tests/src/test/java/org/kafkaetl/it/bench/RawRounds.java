package org.kafkaetl.it.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Raw topic only, in the rounds of {@link EtlRateBench}: the map task alone (its thread's lifetime in
 * local mode, without planning, submission and commit), the minimal one-thread pipeline with the same
 * codec, and the map task with etl.read.ahead beside it ({@link ReadAheadRounds}; null when left out).
 */
record RawRounds(List<Double> mapTaskSeconds, List<Double> minimalMbPerSecond, List<Double> mapTaskOverConsumer,
    List<Double> mapTaskOverMinimal, List<Double> runOverMinimal, double mapTaskOverConsumerMedian,
    double mapTaskOverMinimalMedian, double runOverMinimalMedian, double mapTaskMbPerSecondMedian,
    double minimalMbPerSecondMedian, ReadAheadRounds.Result readAhead) {

  static RawRounds of(BenchData.Produced produced, List<Double> consumerMb, List<Double> etlMb,
      List<Double> mapTaskSeconds, List<Double> minimalMb, ReadAheadRounds readAhead) {
    List<Double> mapTaskMb = mapTaskSeconds.stream().map(s -> produced.payloadBytes() / 1e6 / s).toList();
    List<Double> overConsumer = new ArrayList<>();
    List<Double> overMinimal = new ArrayList<>();
    List<Double> runOverMinimal = new ArrayList<>();
    for (int i = 0; i < mapTaskMb.size(); i++) {
      overConsumer.add(mapTaskMb.get(i) / consumerMb.get(i));
      overMinimal.add(mapTaskMb.get(i) / minimalMb.get(i));
      runOverMinimal.add(etlMb.get(i) / minimalMb.get(i));
    }
    return new RawRounds(EtlRateBench.rounded(mapTaskSeconds), EtlRateBench.rounded(minimalMb),
        EtlRateBench.rounded(overConsumer), EtlRateBench.rounded(overMinimal), EtlRateBench.rounded(runOverMinimal),
        EtlRateBench.median(overConsumer), EtlRateBench.median(overMinimal), EtlRateBench.median(runOverMinimal),
        EtlRateBench.round1(EtlRateBench.median(mapTaskMb)), EtlRateBench.round1(EtlRateBench.median(minimalMb)),
        readAhead == null ? null : readAhead.result());
  }
}
