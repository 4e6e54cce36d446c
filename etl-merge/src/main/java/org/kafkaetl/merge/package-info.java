/**
 * The daily merge of hourly files into warehouse files (issue 3). Not built yet: this module only
 * reserves its place in the dependency order (core ← offsets/alerts ← merge ← cli).
 */
package org.kafkaetl.merge;
