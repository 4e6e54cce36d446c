package org.kafkaetl.core.audit;

/**
 * The records of an Avro file (or of an hourly file's bytes in a daily file), reduced to their
 * number and a digest of their encodings in order: two equal digests mean the same records in the
 * same order.
 */
public record ContentDigest(long records, String sha256) {}
