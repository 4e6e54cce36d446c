package org.kafkaetl.core.config;

import java.util.Locale;

/** Compression of landed Avro files; names as Avro's {@code CodecFactory.fromString} takes them. */
public enum AvroCodec {
  NULL,
  DEFLATE,
  SNAPPY,
  ZSTANDARD;

  public String avroName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the writer can trade speed for size (etl.avro.deflate.level, etl.avro.zstandard.level). */
  public boolean hasLevel() {
    return this == DEFLATE || this == ZSTANDARD;
  }
}
