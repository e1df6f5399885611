package dev.sluice.ingest.macie;

import dev.sluice.classifiers.Category;
import java.util.Objects;

/**
 * One detection type inside a Macie finding.
 *
 * @param type managed identifier ID (e.g. {@code NAME}) or custom identifier name
 * @param category the Macie category
 * @param count occurrences Macie counted
 * @param where where Macie saw it, e.g. {@code lines 3-3} or {@code Sheet1!C5}; no values
 */
public record MacieDetection(String type, Category category, long count, String where) {
  public MacieDetection {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(where, "where");
  }
}
