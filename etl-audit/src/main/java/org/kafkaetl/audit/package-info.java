/**
 * {@code audit}: checks a topic's hours and daily files against etl_offsets and the merge ledger,
 * and optionally against Kafka, reading everything on its own — plain SQL ({@link
 * org.kafkaetl.offsets.JdbcAuditSource}), plain Avro readers, a plain consumer — so a bug in the
 * code that wrote the data cannot hide itself. This module depends on neither etl-merge nor the
 * job's landing code; the checks themselves are in {@link org.kafkaetl.core.audit}.
 */
package org.kafkaetl.audit;
