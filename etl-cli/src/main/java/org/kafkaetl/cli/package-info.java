/**
 * The command line: picocli subcommands behind a Hadoop {@code Tool}, wiring of the real
 * implementations, and the mapping of failures to exit codes and one-line messages.
 */
package org.kafkaetl.cli;
