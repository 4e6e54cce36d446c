/**
 * The fault-injection soak: many simulated hours of the real hourly run and merge on the
 * minicluster, real Kafka and real MariaDB, while a seeded scheduler injects one fault per hour and an
 * operator does only what the SMS alerts say. At the end an independent reader (plain Avro against the
 * producers' own record) must find every record exactly once, except exactly the ranges Kafka deleted.
 */
package org.kafkaetl.it.soak;
