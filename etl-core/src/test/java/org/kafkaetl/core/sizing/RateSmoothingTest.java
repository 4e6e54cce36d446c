package org.kafkaetl.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateSmoothingTest {
  /** A run that read {@code rate} messages per second for 10 s. */
  private static RateSample run(long id, double rate) {
    return new RateSample(id, (long) (rate * 10), (long) (rate * 1000), 10_000, false);
  }

  @Test
  void neverMeasuredTopicStartsAtTheStartingRate() {
    TopicRate rate = RateSmoothing.rate("t", List.of(), 1234);
    assertThat(rate.messagesPerSecond()).isEqualTo(1234);
    assertThat(rate.source()).isEqualTo(TopicRate.Source.STARTING);
  }

  @Test
  void firstMeasurementReplacesTheStartingGuessWhateverItsSize() {
    TopicRate rate = RateSmoothing.rate("t", List.of(run(1, 100)), 5000);
    assertThat(rate.messagesPerSecond()).isCloseTo(100, within(1e-9));
    assertThat(rate.bytesPerSecond()).isCloseTo(10_000, within(1e-6));
    assertThat(rate.source()).isEqualTo(TopicRate.Source.MEASURED);
  }

  @Test
  void takesTheMedianOfTheLastFiveRuns() {
    List<RateSample> newestFirst = List.of(run(7, 900), run(6, 1000), run(5, 5000), run(4, 1100), run(3, 950),
        run(2, 1), run(1, 1));
    assertThat(RateSmoothing.rate("t", newestFirst, 5000).messagesPerSecond()).isCloseTo(1000, within(1e-9));
  }

  @Test
  void ignoresRunsThatHitAFaultOrReadNothing() {
    List<RateSample> newestFirst = List.of(new RateSample(3, 10, 10, 100_000, true), new RateSample(2, 0, 0, 0, false),
        run(1, 800));
    TopicRate rate = RateSmoothing.rate("t", newestFirst, 5000);
    assertThat(rate.messagesPerSecond()).isCloseTo(800, within(1e-9));
    assertThat(rate.source()).isEqualTo(TopicRate.Source.MEASURED);
  }

  @Test
  void oneSlowRunLowersTheRateByAtMostAQuarter() {
    TopicRate rate = RateSmoothing.rate("t", List.of(run(2, 100), run(1, 1000)), 5000);
    // The median of 100 and 1000 would be 550, almost half: held at three quarters of 1000.
    assertThat(rate.messagesPerSecond()).isCloseTo(750, within(1e-9));
    assertThat(rate.source()).isEqualTo(TopicRate.Source.CLAMPED);
    assertThat(rate.bytesPerSecond()).isCloseTo(75_000, within(1e-6));
  }

  @Test
  void aLastingDropIsFollowedWithinAFewRuns() {
    List<RateSample> history = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      history.add(0, run(i, 1000));
    }
    List<Double> used = new ArrayList<>();
    for (int i = 6; i <= 14; i++) {
      history.add(0, run(i, 200));
      used.add(RateSmoothing.rate("t", history, 5000).messagesPerSecond());
    }
    // Falls run by run, never by more than a quarter at once, and ends at the new rate.
    for (int i = 1; i < used.size(); i++) {
      assertThat(used.get(i)).isLessThanOrEqualTo(used.get(i - 1)).isGreaterThanOrEqualTo(used.get(i - 1) * 0.75 - 1e-9);
    }
    assertThat(used.get(0)).isGreaterThanOrEqualTo(750);
    assertThat(used.get(used.size() - 1)).isCloseTo(200, within(1e-9));
  }
}
