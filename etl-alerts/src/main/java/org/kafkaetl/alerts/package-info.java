/**
 * Alert senders. Every sender delivers best-effort and never throws, so a failed alert cannot fail
 * or hide an ETL result. Channels: the log, an SMS gateway over HTTP and a JSON webhook, behind
 * a dispatcher that stores every alert, suppresses repeats of one incident and, when a command starts,
 * sends again the pages no paging channel delivered.
 */
package org.kafkaetl.alerts;
