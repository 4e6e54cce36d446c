package org.kafkaetl.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kafkaetl.core.TopicNames;

/**
 * Which topics are landed because of their name ({@link TopicPatternConfigDef}), and the settings
 * they take. Kafka's topic list is not known here: {@link TopicResolution} applies this to it.
 *
 * @param include a matching name is selected; empty: no topic is selected by name
 * @param exclude a matching name is not selected, whatever include says
 * @param defaults the settings of every selected topic, as a topic named {@link TopicPatternConfigDef#DEFAULTS}
 * @param defaultsAutoSplit whether topic.default.split.threshold is auto (sized runs derive it)
 * @param defaultsWeighted whether topic.default.format.weight was set (sized runs keep it)
 */
public record TopicPatterns(Optional<Pattern> include, Optional<Pattern> exclude, TopicConfig defaults,
    boolean defaultsAutoSplit, boolean defaultsWeighted) {
  public static final TopicPatterns NONE = new TopicPatterns(Optional.empty(), Optional.empty(),
      new TopicConfig(TopicPatternConfigDef.DEFAULTS, MessageFormat.RAW, Optional.empty(), Optional.empty(),
          java.util.OptionalLong.empty(), MessageFormat.RAW.defaultWeight(), 100), false, false);

  public TopicPatterns {
    Objects.requireNonNull(include, "include");
    Objects.requireNonNull(exclude, "exclude");
    Objects.requireNonNull(defaults, "defaults");
  }

  public boolean configured() {
    return include.isPresent();
  }

  /**
   * Whether a Kafka topic is landed because of its name. Names that could not be landed (starting with
   * '_' or '.', Kafka's own "__" topics among them) never are, whatever the patterns say: validation
   * refuses patterns selecting the usual ones, this catches any it could not foresee.
   */
  public boolean selects(String topic) {
    return include.filter(p -> p.matcher(topic).matches()).isPresent()
        && exclude.filter(p -> p.matcher(topic).matches()).isEmpty()
        && TopicNames.isValid(topic) && TopicNames.whyNotLandable(topic).isEmpty();
  }

  /** The samples of internal topics these patterns would select; validation refuses any. */
  public List<String> internalTopicsSelected() {
    return TopicPatternConfigDef.INTERNAL_SAMPLES.stream()
        .filter(t -> include.filter(p -> p.matcher(t).matches()).isPresent()
            && exclude.filter(p -> p.matcher(t).matches()).isEmpty())
        .toList();
  }

  /** The settings of a selected topic. */
  public TopicConfig configFor(String topic) {
    return defaults.named(topic);
  }

  /** Patterns compare by their text: {@link Pattern} itself has no equality. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TopicPatterns p && text(include).equals(text(p.include)) && text(exclude).equals(text(p.exclude))
        && defaults.equals(p.defaults) && defaultsAutoSplit == p.defaultsAutoSplit && defaultsWeighted == p.defaultsWeighted;
  }

  @Override
  public int hashCode() {
    return Objects.hash(text(include), text(exclude), defaults, defaultsAutoSplit, defaultsWeighted);
  }

  @Override
  public String toString() {
    return "TopicPatterns[include=" + text(include) + ", exclude=" + text(exclude) + ", defaults=" + defaults + "]";
  }

  private static Optional<String> text(Optional<Pattern> pattern) {
    return pattern.map(Pattern::pattern);
  }
}
