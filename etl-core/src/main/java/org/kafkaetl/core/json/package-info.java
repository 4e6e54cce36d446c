/** What every command's {@code --json} document has in common: its format name and how it is written. */
package org.kafkaetl.core.json;
