package org.kafkaetl.core.offsets;

import java.util.Optional;

/**
 * A named lock shared by every process that runs the tool against the same database: at most one
 * hourly run (or rerun, or merge of a topic) at a time. A lock whose holder died is released.
 */
public interface RunLock {

  /** Tries once, without waiting; empty if someone else holds the lock. */
  Optional<Held> tryAcquire(String name);

  /** Runs {@code work} holding the lock; empty, without running it, if someone else holds it. */
  default <T> Optional<T> whileHolding(String name, java.util.function.Supplier<T> work) {
    Optional<Held> held = tryAcquire(name);
    if (held.isEmpty()) {
      return Optional.empty();
    }
    try (Held ignored = held.get()) {
      return Optional.of(work.get());
    }
  }

  /** A held lock; closing it releases it. */
  interface Held extends AutoCloseable {
    /**
     * Asks the lock's owner whether this holder still has it. False once the lock is lost (e.g. its
     * database connection died), after which another run may hold it.
     */
    boolean stillHeld();

    @Override
    void close();
  }
}
