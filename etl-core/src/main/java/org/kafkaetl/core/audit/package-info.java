/**
 * The audit (the proof of exactly-once), as pure logic: the tiling of etl_offsets, the
 * offsets found in hourly files against their ranges, the daily files against the merge ledger,
 * and the report with its verdict.
 *
 * <p>Independence is the point: nothing here calls the code that wrote the data (coverage check,
 * merge selection, task reports, decoders, {@code WorkLayout}). The audit reads what the database
 * recorded through {@link org.kafkaetl.core.audit.AuditSource} (its own SQL) and what the files hold
 * through plain Avro readers, and compares the two. Offsets are tallied in bit sets and interval
 * lists, never in boxed sets, so a partition-day of millions of offsets costs megabytes.
 */
package org.kafkaetl.core.audit;
