package org.kafkaetl.core.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A deterministic sample of Kafka's records — every offset divisible by {@code every} — as 64-bit
 * content hashes, to compare with what landed at the same offsets. Kept in two sorted long arrays;
 * offsets must be added in increasing order (Kafka returns them so).
 */
public final class ContentSamples {
  private final long every;
  private long[] offsets = new long[16];
  private long[] hashes = new long[16];
  private int size;
  private long compared;
  private long differing;
  private long firstDifference = -1;

  public ContentSamples(long every) {
    if (every < 1) {
      throw new IllegalArgumentException("sample interval must be at least 1, got " + every);
    }
    this.every = every;
  }

  public boolean sampled(long offset) {
    return offset % every == 0;
  }

  /** Kafka's record at {@code offset}, if it is sampled. */
  public void kafka(long offset, byte[] key, byte[] value) {
    if (!sampled(offset)) {
      return;
    }
    if (size > 0 && offset <= offsets[size - 1]) {
      throw new IllegalArgumentException("samples must be added in offset order: " + offset);
    }
    if (size == offsets.length) {
      offsets = Arrays.copyOf(offsets, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    offsets[size] = offset;
    hashes[size] = hash(key, value);
    size++;
  }

  /** The landed record at {@code offset}; compared when Kafka's record there was sampled. */
  public void landed(long offset, byte[] key, byte[] value) {
    int i = Arrays.binarySearch(offsets, 0, size, offset);
    if (i < 0) {
      return;
    }
    compared++;
    if (hashes[i] != hash(key, value)) {
      differing++;
      if (firstDifference < 0) {
        firstDifference = offset;
      }
    }
  }

  public long compared() {
    return compared;
  }

  public long differing() {
    return differing;
  }

  /** The smallest offset whose landed content differs from Kafka's; -1 if none. */
  public long firstDifference() {
    return firstDifference;
  }

  /** A hash of key and value that tells null from empty and does not shift bytes between them. */
  public static long hash(byte[] key, byte[] value) {
    MessageDigest sha = sha256();
    update(sha, key);
    update(sha, value);
    return ByteBuffer.wrap(sha.digest()).getLong();
  }

  private static void update(MessageDigest sha, byte[] bytes) {
    if (bytes == null) {
      sha.update("null".getBytes(StandardCharsets.US_ASCII));
      return;
    }
    sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    sha.update(bytes);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
    }
  }
}
