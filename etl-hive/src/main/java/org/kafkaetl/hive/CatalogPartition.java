package org.kafkaetl.hive;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One day's partition.
 *
 * @param value the partition column's value, the day as yyyy-MM-dd
 * @param location the day directory, a full URI
 * @param parameters what publishing says about the day (kafka-etl.*), plus what the catalog adds itself
 */
public record CatalogPartition(String value, String location, Map<String, String> parameters) {
  public CatalogPartition {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(location, "location");
    parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
  }
}
