/** Landing decoded records as Avro files by event date, error files, and per-range reports. */
package org.kafkaetl.mapreduce.land;
