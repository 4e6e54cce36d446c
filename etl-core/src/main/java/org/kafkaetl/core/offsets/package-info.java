/**
 * The offset ledger's contract: planned ranges per run and their states, and the run lock. The
 * implementation lives in etl-offsets; this package holds only the boundary types.
 */
package org.kafkaetl.core.offsets;
