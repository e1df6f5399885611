package dev.sluice.classifiers.identifier;

import dev.sluice.classifiers.Severity;
import java.util.Objects;

/**
 * One of a custom identifier's {@code severityLevels}: from {@code occurrencesThreshold}
 * occurrences in a document on, the finding has {@code severity}.
 */
public record SeverityLevel(long occurrencesThreshold, Severity severity) {
  public SeverityLevel {
    Objects.requireNonNull(severity, "severity");
    if (occurrencesThreshold < 1) {
      throw new IllegalArgumentException("occurrencesThreshold: must be >= 1");
    }
  }
}
