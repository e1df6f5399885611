package dev.sluice.classifiers.redact;

import java.util.Map;
import java.util.Objects;

/**
 * The result of a redaction.
 *
 * @param text the redacted text
 * @param counts redacted occurrences per identifier ID
 */
public record Redaction(String text, Map<String, Integer> counts) {
  public Redaction {
    Objects.requireNonNull(text, "text");
    counts = Map.copyOf(counts);
  }

  /** Total redacted occurrences. */
  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public String toString() {
    return "Redaction[length=" + text.length() + ", counts=" + counts + "]";
  }
}
