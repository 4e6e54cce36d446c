package org.kafkaetl.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentSamplesTest {
  @Test
  void onlySampledOffsetsAreComparedAndDifferencesCounted() {
    ContentSamples samples = new ContentSamples(10);
    for (long o = 0; o < 30; o++) {
      samples.kafka(o, null, bytes("v" + o));
    }
    for (long o = 0; o < 30; o++) {
      samples.landed(o, null, bytes(o == 20 ? "changed" : "v" + o));
    }
    assertThat(samples.compared()).isEqualTo(3);
    assertThat(samples.differing()).isEqualTo(1);
    assertThat(samples.firstDifference()).isEqualTo(20);
  }

  @Test
  void nullEmptyAndShiftedBytesHashDifferently() {
    assertThat(ContentSamples.hash(null, bytes("")))
        .isNotEqualTo(ContentSamples.hash(bytes(""), bytes("")))
        .isNotEqualTo(ContentSamples.hash(bytes(""), null));
    assertThat(ContentSamples.hash(bytes("ab"), bytes("c"))).isNotEqualTo(ContentSamples.hash(bytes("a"), bytes("bc")));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
