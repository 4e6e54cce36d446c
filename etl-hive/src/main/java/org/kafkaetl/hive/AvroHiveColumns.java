package org.kafkaetl.hive;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The Hive columns of an Avro record schema, as Hive's AvroSerDe derives them (AvroObjectInspectorGenerator):
 * the metastore keeps them for engines that read the columns rather than avro.schema.literal.
 */
final class AvroHiveColumns {
  private AvroHiveColumns() {}

  static List<CatalogTable.Column> of(Schema record) {
    if (record.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException("a table's schema must be an Avro record, got " + record.getType());
    }
    return record.getFields().stream().map(f -> new CatalogTable.Column(f.name().toLowerCase(java.util.Locale.ROOT),
        type(f.schema()))).toList();
  }

  static String type(Schema s) {
    if (s.getLogicalType() instanceof LogicalTypes.Decimal d) {
      return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
    }
    if (s.getLogicalType() instanceof LogicalTypes.Date) {
      return "date";
    }
    if (s.getLogicalType() instanceof LogicalTypes.TimestampMillis
        || s.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
      return "timestamp";
    }
    return switch (s.getType()) {
      case BOOLEAN -> "boolean";
      case INT -> "int";
      case LONG -> "bigint";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      case STRING, ENUM -> "string";
      case BYTES, FIXED -> "binary";
      case NULL -> "void";
      case ARRAY -> "array<" + type(s.getElementType()) + ">";
      case MAP -> "map<string," + type(s.getValueType()) + ">";
      case RECORD -> s.getFields().stream().map(f -> f.name() + ":" + type(f.schema()))
          .collect(Collectors.joining(",", "struct<", ">"));
      case UNION -> union(s);
    };
  }

  /** A nullable type is its other branch; a real union is Hive's uniontype. */
  private static String union(Schema s) {
    List<Schema> branches = s.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
    if (branches.size() == 1) {
      return type(branches.get(0));
    }
    return branches.stream().map(AvroHiveColumns::type).collect(Collectors.joining(",", "uniontype<", ">"));
  }
}
