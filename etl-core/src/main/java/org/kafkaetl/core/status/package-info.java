/**
 * What the person on call looks at: one topic's day as an hour × partition grid of range states and
 * merge progress, and every topic over a window of hours (the fleet view); what needs action and the
 * command for it; rendered for a terminal, as JSON for scripts, or as one self-contained HTML page.
 */
package org.kafkaetl.core.status;
