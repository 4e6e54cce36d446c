package org.kafkaetl.core.config;

import java.util.Objects;
import org.apache.avro.file.CodecFactory;

/**
 * How landed Avro files are compressed: the codec and, for deflate and zstandard, its level. The
 * level changes only how hard the writer works; any reader of the codec reads every level, and the
 * daily merge copies blocks without looking at it.
 *
 * @param level the codec's level; 0 for null and snappy, which have none
 */
public record AvroCompression(AvroCodec codec, int level) {

  public AvroCompression {
    Objects.requireNonNull(codec, "codec");
    if (!codec.hasLevel() && level != 0) {
      throw new IllegalArgumentException(codec.avroName() + " has no level (got " + level + ")");
    }
  }

  /** The codec with the level that applies to it out of the two configured ones. */
  static AvroCompression of(AvroCodec codec, int deflateLevel, int zstandardLevel) {
    return new AvroCompression(codec, switch (codec) {
      case DEFLATE -> deflateLevel;
      case ZSTANDARD -> zstandardLevel;
      case NULL, SNAPPY -> 0;
    });
  }

  /** What {@code DataFileWriter.setCodec} takes; zstandard without its optional checksum, as Avro's own default. */
  public CodecFactory codecFactory() {
    return switch (codec) {
      case NULL -> CodecFactory.nullCodec();
      case SNAPPY -> CodecFactory.snappyCodec();
      case DEFLATE -> CodecFactory.deflateCodec(level);
      case ZSTANDARD -> CodecFactory.zstandardCodec(level);
    };
  }

  @Override
  public String toString() {
    return codec.hasLevel() ? codec.avroName() + " level " + level : codec.avroName();
  }
}
