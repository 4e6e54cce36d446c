/**
 * etl_offsets in a MySQL-compatible database: schema migrations (Flyway), the offset store that
 * keeps ranges tiling and where each partition continues (etl_partition_ends, in the same
 * transaction as the rows), the removal of rows past retention, and the run lock on GET_LOCK.
 */
package org.kafkaetl.offsets;
