/**
 * What a topic's day looks like to the person on call: an hour × partition grid of range states and
 * merge progress, what needs action and the command for it, rendered for a terminal or as one
 * self-contained HTML page.
 */
package org.kafkaetl.core.status;
