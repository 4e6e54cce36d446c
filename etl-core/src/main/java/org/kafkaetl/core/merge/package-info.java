/**
 * The daily merge's domain: hourly files, the ledger of what went into which daily file, and the
 * choice of what to append. Promises: a file in the ledger is never appended again, and a daily
 * file's offsets per partition increase (a late range forces a rebuild instead of an append).
 */
package org.kafkaetl.core.merge;
