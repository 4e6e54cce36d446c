/**
 * Alert senders. Every sender delivers best-effort and never throws, so a failed alert cannot fail
 * or hide an ETL result. This issue ships the log sender; SMS and webhook come with issue 4.
 */
package org.kafkaetl.alerts;
