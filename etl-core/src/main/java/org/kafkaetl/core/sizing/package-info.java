/**
 * Sizing a run from measured throughput: each topic's per-mapper rate from recent runs (smoothed,
 * faults ignored, drops clamped), the time the target leaves for reading once the job's measured
 * overhead is taken off ({@link org.kafkaetl.core.sizing.ReadingBudget}), the split threshold of
 * topics that ask for {@code auto}, the number of map tasks the load needs within the configured
 * bounds and what the job's queue runs side by side ({@link org.kafkaetl.core.sizing.TaskFit}), and
 * the run's expected time. Pure logic: the measurements come through
 * {@link org.kafkaetl.core.sizing.ThroughputHistory}, the queue's room through
 * {@link org.kafkaetl.core.sizing.QueueCapacity}, and sizing only decides how the planned ranges are
 * split among mappers, never which offsets are planned.
 */
package org.kafkaetl.core.sizing;
