package org.kafkaetl.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Kafka's legal topic names, character by character. */
class TopicNamesTest {
  @Test
  void lettersDigitsDotsUnderscoresAndDashesUpTo249Characters() {
    assertThat(TopicNames.isValid("clicks.v2_EU-west")).isTrue();
    assertThat(TopicNames.isValid("a".repeat(249))).isTrue();
    assertThat(TopicNames.isValid("...")).isTrue();
  }

  @Test
  void anythingElseIsNot() {
    assertThat(TopicNames.isValid(null)).isFalse();
    assertThat(TopicNames.isValid("")).isFalse();
    assertThat(TopicNames.isValid("a".repeat(250))).isFalse();
    assertThat(TopicNames.isValid(".")).isFalse();
    assertThat(TopicNames.isValid("..")).isFalse();
    for (String bad : new String[] {"a/b", "a b", "a\\b", "ä", "a:b", "a\nb", "a\u0000b", "a*"}) {
      assertThat(TopicNames.isValid(bad)).as(bad).isFalse();
    }
  }
}
