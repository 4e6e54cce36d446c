package org.kafkaetl.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Check 3, from records: the records a daily file holds at an hourly file's bytes are exactly that
 * hourly file's records (same digest), as many as the ledger says.
 */
public final class SegmentCheck {
  private SegmentCheck() {}

  /**
   * @param inDaily what the daily file holds at {@code row}'s bytes
   * @param hourly what the hourly file holds; empty when it is gone (cleanup)
   */
  public static List<Finding> compare(LedgerRow row, ContentDigest inDaily, Optional<ContentDigest> hourly) {
    List<Finding> findings = new ArrayList<>();
    if (inDaily.records() != row.records()) {
      findings.add(new Finding(Finding.Kind.DAILY_CONTENT, row.partition(), row.describe(),
          "the daily file holds " + inDaily.records() + " records there, the ledger says " + row.records()));
    }
    hourly.filter(h -> !h.equals(inDaily)).ifPresent(h -> findings.add(new Finding(Finding.Kind.DAILY_CONTENT,
        row.partition(), row.describe(), "the daily file's " + inDaily.records()
            + " records there are not the hourly file's " + h.records() + " records (content digests differ)")));
    return findings;
  }
}
