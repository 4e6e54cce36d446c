package org.kafkaetl.it.soak;

import java.util.zip.CRC32;

/**
 * A poison message as the producer sent it, reduced to what the independent check needs: where it
 * must end up and a checksum of its value (a huge value is not kept in memory).
 */
record Poison(String kind, Fate fate, boolean tombstone, int length, long crc) {
  /** Where the topic's policies put the message. */
  enum Fate {
    /** In the data files, with exactly the bytes sent (raw lands any bytes, and tombstones). */
    LANDED,
    /** In the hour's error file and nowhere else (event time outside the window, or undecodable). */
    ERROR_FILE,
    /** Nowhere: counted in the range's report only (a tombstone on a JSON or Avro topic). */
    SKIPPED
  }

  static Poison of(String kind, Fate fate, byte[] value) {
    return new Poison(kind, fate, value == null, value == null ? 0 : value.length, crc(value));
  }

  /** Whether {@code value} (null for a tombstone) is what was sent. */
  boolean matches(byte[] value) {
    return value == null ? tombstone : !tombstone && value.length == length && crc(value) == crc;
  }

  private static long crc(byte[] value) {
    if (value == null) {
      return 0;
    }
    CRC32 crc = new CRC32();
    crc.update(value);
    return crc.getValue();
  }
}
