/** Paths and file names of landed data, defined once for the hourly job, rerun and merge. */
package org.kafkaetl.core.layout;
