/**
 * What a run, rerun or merge did, as numbers for a monitoring system: one immutable value per
 * command, built from its results. Knows nothing of Prometheus; the CLI pushes it.
 */
package org.kafkaetl.core.metrics;
