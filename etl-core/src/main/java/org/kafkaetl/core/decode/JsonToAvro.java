package org.kafkaetl.core.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Converts plain JSON (not Avro's JSON encoding: union values are not wrapped in a type name) into
 * Avro data of a schema. Unions are resolved by the JSON value's kind, first matching branch wins.
 * Fields the schema does not know are ignored so producers can add fields before consumers'
 * schemas catch up. Bytes and fixed are base64 strings, the usual convention in plain JSON.
 */
final class JsonToAvro {
  private static final GenericData DATA = GenericData.get();

  private JsonToAvro() {}

  /** @throws Mismatch naming the path of the first value that does not fit */
  static Object convert(JsonNode node, Schema schema, String path) {
    return switch (schema.getType()) {
      case RECORD -> record(node, schema, path);
      case ARRAY -> array(node, schema, path);
      case MAP -> map(node, schema, path);
      case UNION -> union(node, schema, path);
      case ENUM -> enumSymbol(node, schema, path);
      case STRING -> expect(node.isTextual(), node, schema, path).textValue();
      case INT -> integral(node.canConvertToInt(), node, schema, path).intValue();
      case LONG -> integral(node.canConvertToLong(), node, schema, path).longValue();
      case FLOAT -> expect(node.isNumber(), node, schema, path).floatValue();
      case DOUBLE -> expect(node.isNumber(), node, schema, path).doubleValue();
      case BOOLEAN -> expect(node.isBoolean(), node, schema, path).booleanValue();
      case BYTES -> ByteBuffer.wrap(base64(node, schema, path));
      case FIXED -> fixed(node, schema, path);
      case NULL -> nullValue(node, schema, path);
    };
  }

  private static GenericData.Record record(JsonNode node, Schema schema, String path) {
    expect(node.isObject(), node, schema, path);
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      JsonNode child = node.get(field.name());
      String childPath = path.isEmpty() ? field.name() : path + "." + field.name();
      boolean absent = child == null || (child.isNull() && !acceptsNull(field.schema()));
      record.put(field.pos(), absent ? absentValue(field, childPath) : convert(child, field.schema(), childPath));
    }
    return record;
  }

  /** Producers often omit optional fields rather than send null; both mean the field's default. */
  private static Object absentValue(Schema.Field field, String path) {
    if (field.hasDefaultValue()) {
      return DATA.deepCopy(field.schema(), DATA.getDefaultValue(field));
    }
    if (acceptsNull(field.schema())) {
      return null;
    }
    throw new Mismatch("missing required field '" + path + "'");
  }

  private static GenericData.Array<Object> array(JsonNode node, Schema schema, String path) {
    expect(node.isArray(), node, schema, path);
    GenericData.Array<Object> array = new GenericData.Array<>(node.size(), schema);
    for (int i = 0; i < node.size(); i++) {
      array.add(convert(node.get(i), schema.getElementType(), path + "[" + i + "]"));
    }
    return array;
  }

  private static Map<String, Object> map(JsonNode node, Schema schema, String path) {
    expect(node.isObject(), node, schema, path);
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      map.put(e.getKey(), convert(e.getValue(), schema.getValueType(), path + "[\"" + e.getKey() + "\"]"));
    }
    return map;
  }

  private static Object union(JsonNode node, Schema schema, String path) {
    for (Schema branch : schema.getTypes()) {
      if (fits(node, branch)) {
        return convert(node, branch, path);
      }
    }
    throw mismatch(node, schema, path);
  }

  /** A shallow check of the JSON kind; enough to pick a union branch, since Avro forbids duplicates. */
  private static boolean fits(JsonNode node, Schema schema) {
    return switch (schema.getType()) {
      case RECORD, MAP -> node.isObject();
      case ARRAY -> node.isArray();
      case ENUM -> node.isTextual() && schema.hasEnumSymbol(node.textValue());
      case STRING, BYTES, FIXED -> node.isTextual();
      case INT -> node.isIntegralNumber() && node.canConvertToInt();
      case LONG -> node.isIntegralNumber() && node.canConvertToLong();
      case FLOAT, DOUBLE -> node.isNumber();
      case BOOLEAN -> node.isBoolean();
      case NULL -> node.isNull();
      case UNION -> false;
    };
  }

  private static GenericData.EnumSymbol enumSymbol(JsonNode node, Schema schema, String path) {
    if (!node.isTextual() || !schema.hasEnumSymbol(node.textValue())) {
      throw new Mismatch("at '" + path + "': expected one of " + schema.getEnumSymbols() + ", got "
          + (node.isTextual() ? "another string" : describe(node)));
    }
    return new GenericData.EnumSymbol(schema, node.textValue());
  }

  private static GenericData.Fixed fixed(JsonNode node, Schema schema, String path) {
    byte[] bytes = base64(node, schema, path);
    if (bytes.length != schema.getFixedSize()) {
      throw new Mismatch("at '" + path + "': expected " + schema.getFixedSize() + " bytes, got " + bytes.length);
    }
    return new GenericData.Fixed(schema, bytes);
  }

  private static byte[] base64(JsonNode node, Schema schema, String path) {
    expect(node.isTextual(), node, schema, path);
    try {
      return node.binaryValue();
    } catch (IOException | IllegalArgumentException e) {
      throw new Mismatch("at '" + path + "': expected base64 for " + schema.getType().getName() + ", got "
          + e.getMessage());
    }
  }

  private static Object nullValue(JsonNode node, Schema schema, String path) {
    expect(node.isNull(), node, schema, path);
    return null;
  }

  private static boolean acceptsNull(Schema schema) {
    return schema.getType() == Schema.Type.NULL
        || schema.getType() == Schema.Type.UNION
            && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
  }

  private static JsonNode integral(boolean inRange, JsonNode node, Schema schema, String path) {
    expect(node.isIntegralNumber(), node, schema, path);
    if (!inRange) {
      throw new Mismatch("at '" + path + "': integer out of range for " + schema.getType().getName());
    }
    return node;
  }

  private static JsonNode expect(boolean fits, JsonNode node, Schema schema, String path) {
    if (!fits) {
      throw mismatch(node, schema, path);
    }
    return node;
  }

  /** Names the JSON kind, not the value: values may be personal data that must not reach logs. */
  private static Mismatch mismatch(JsonNode node, Schema schema, String path) {
    return new Mismatch("at '" + (path.isEmpty() ? "(root)" : path) + "': expected " + typeName(schema)
        + ", got " + describe(node));
  }

  private static String typeName(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      return schema.getTypes().stream().map(JsonToAvro::typeName).toList().toString();
    }
    return schema.getType() == Schema.Type.RECORD ? "record " + schema.getName() : schema.getType().getName();
  }

  private static String describe(JsonNode node) {
    if (node.isNumber()) {
      return node.isIntegralNumber() ? "integer" : "decimal number";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** A JSON value that does not fit the schema; becomes a {@link DecodeException}. */
  static final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Mismatch(String reason) {
      super(reason, null, false, false);
    }
  }
}
