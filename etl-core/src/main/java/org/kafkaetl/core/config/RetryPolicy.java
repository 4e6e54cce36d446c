package org.kafkaetl.core.config;

import java.time.Duration;

/**
 * Automatic retry of INCOMPLETE ranges by later runs.
 *
 * @param maxAttempts reads of a range in all (first read included) before only a person retries it
 * @param maxAge only ranges of hours at most this old are retried
 */
public record RetryPolicy(int maxAttempts, Duration maxAge) {}
