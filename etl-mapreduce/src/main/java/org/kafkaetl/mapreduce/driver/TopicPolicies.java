package org.kafkaetl.mapreduce.driver;

import java.util.Map;
import java.util.stream.Collectors;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.plan.TopicPolicy;

/** The planner's view of the configured topics. */
final class TopicPolicies {
  private TopicPolicies() {}

  static Map<String, TopicPolicy> of(EtlConfig config) {
    return config.topics().stream().collect(Collectors.toMap(TopicConfig::name,
        t -> new TopicPolicy(t.name(), t.splitThreshold(), t.formatWeight())));
  }
}
