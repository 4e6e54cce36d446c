/**
 * The daily merge: appends complete hourly files into one warehouse file per (topic, date, Kafka
 * partition) as a transaction (lease recovery, recorded length, block copy, truncate on failure),
 * with a MySQL ledger so a merge run twice or after a crash appends nothing twice and misses
 * nothing, and a rebuild from the hourly files when a daily file cannot be trusted.
 */
package org.kafkaetl.merge;
