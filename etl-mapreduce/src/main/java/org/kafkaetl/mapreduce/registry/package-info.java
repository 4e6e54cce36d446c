/**
 * Talking to a schema registry over its Confluent-compatible REST API: writer schemas by id for the
 * map tasks, a subject's latest version for the run's reader schema. Only the answer "not found"
 * counts against a message; every other failure is the registry's and makes the caller try later.
 */
package org.kafkaetl.mapreduce.registry;
