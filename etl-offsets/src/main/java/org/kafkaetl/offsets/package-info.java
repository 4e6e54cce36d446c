/**
 * etl_offsets in a MySQL-compatible database: schema migrations (Flyway), the offset store that
 * keeps ranges tiling, and the run lock on GET_LOCK.
 */
package org.kafkaetl.offsets;
