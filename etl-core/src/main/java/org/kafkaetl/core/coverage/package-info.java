/** Deciding, after the job, which planned ranges landed completely; from committed reports only. */
package org.kafkaetl.core.coverage;
