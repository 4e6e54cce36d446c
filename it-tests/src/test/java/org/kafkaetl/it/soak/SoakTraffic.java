package org.kafkaetl.it.soak;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;

/**
 * An hour's production traffic for every soaked topic: a varying rate per partition, and in about
 * one hour of four a burst of ten times that into one partition (over the split threshold, so the
 * burst is split over several mappers). Event times spread over the hour before the run.
 */
final class SoakTraffic {
  static final int BURST_FACTOR = 10;

  private final int rate;
  private final SoakLog log;
  /** A well-mixed seed per hour and topic. */
  private final LongUnaryOperator seeds;

  SoakTraffic(int rate, SoakLog log, LongUnaryOperator seeds) {
    this.rate = rate;
    this.log = log;
    this.seeds = seeds;
  }

  void produce(SimulatedHour hour, List<SoakProducer> producers) {
    for (int t = 0; t < producers.size(); t++) {
      SoakProducer producer = producers.get(t);
      // topic 0 (raw) keeps the stream it had before other formats were soaked: seeds replay
      Random traffic = new Random(seeds.applyAsLong(t * 1_000_000L + hour.index));
      int partitions = producer.partitions();
      int burstPartition = traffic.nextInt(4) == 0 ? traffic.nextInt(partitions) : -1;
      long sent = 0;
      for (int p = 0; p < partitions; p++) {
        int count = rate / 2 + traffic.nextInt(rate);
        if (p == burstPartition) {
          count *= BURST_FACTOR;
          log.line("burst: " + count + " messages into " + producer.topic() + " partition " + p);
        }
        producer.send(p, count, hour.index, hour.now.minus(60, ChronoUnit.MINUTES), hour.now.minus(5, ChronoUnit.MINUTES));
        sent += count;
      }
      if (rate > 100) {
        log.line("traffic: " + sent + " messages into " + producer.topic());
      }
    }
  }
}
