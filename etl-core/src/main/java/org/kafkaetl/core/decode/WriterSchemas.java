package org.kafkaetl.core.decode;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The writer schemas of a schema registry, by the id a message carries. Implemented over the
 * registry's REST API where HTTP may be used (the map task); implementations cache what they found.
 */
@FunctionalInterface
public interface WriterSchemas {

  /**
   * The schema registered under {@code id}; empty when the registry says it has none.
   *
   * @throws RegistryUnavailableException when the registry does not answer, or not with the schema
   *     or a plain "not found": the message may be fine and must be read again later
   * @throws org.apache.avro.SchemaParseException when the registered text is no Avro schema
   */
  Optional<Schema> byId(int id);
}
