/**
 * Sizing a run from measured throughput: each topic's per-mapper rate from recent runs (smoothed,
 * faults ignored, drops clamped), the split threshold of topics that ask for {@code auto}, the
 * number of map tasks the load needs within the configured bounds, and the run's expected time.
 * Pure logic: the measurements come through {@link org.kafkaetl.core.sizing.ThroughputHistory},
 * and sizing only decides how the planned ranges are split among mappers, never which offsets are
 * planned.
 */
package org.kafkaetl.core.sizing;
