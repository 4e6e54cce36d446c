package org.kafkaetl.it.bench;

import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.kafkaetl.core.config.EtlConfig;

/** A codec and level as the configuration names them, e.g. "zstandard 1" is etl.avro.codec=zstandard, level 1. */
record CodecChoice(String codec, int level) {
  /** The codec sweep: no compression, deflate's fastest and default level, snappy, zstandard's fastest and default. */
  static final java.util.List<CodecChoice> SWEEP = java.util.List.of(new CodecChoice("null", 0),
      new CodecChoice("deflate", 1), new CodecChoice("deflate", 6), new CodecChoice("snappy", 0),
      new CodecChoice("zstandard", 1), new CodecChoice("zstandard", 3));

  /** The default of etl.avro.codec and its level key, read from the declarations. */
  static CodecChoice configDefault() {
    EtlConfig config = EtlConfig.parse(Map.of("kafka.bootstrap.servers", "unused:9092", "db.url",
        "jdbc:mysql://unused/x", "db.user", "unused", "etl.topics", "t"));
    return new CodecChoice(config.avroCompression().codec().avroName(), config.avroCompression().level());
  }

  void applyTo(Map<String, String> properties) {
    properties.put("etl.avro.codec", codec);
    if (level > 0) {
      properties.put("etl.avro." + codec + ".level", String.valueOf(level));
    }
  }

  CodecFactory codecFactory() {
    return switch (codec) {
      case "deflate" -> CodecFactory.deflateCodec(level);
      case "zstandard" -> CodecFactory.zstandardCodec(level);
      default -> CodecFactory.fromString(codec);
    };
  }

  @Override
  public String toString() {
    return level > 0 ? codec + " " + level : codec;
  }
}
