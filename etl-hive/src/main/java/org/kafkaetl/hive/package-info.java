/**
 * Publishes the warehouse to a table catalog, the Hive Metastore: each published topic is an EXTERNAL
 * Avro table over its warehouse directory, each day a partition over its day directory. Promises: a
 * table that does not match what the tool would create is never altered, only refused with what
 * differs; a partition is registered once per change of the day (its marker's revision, its records,
 * whether it is complete); a catalog that cannot be reached never fails a merge: what it could not
 * take is kept in the database and retried.
 */
package org.kafkaetl.hive;
