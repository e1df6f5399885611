package dev.sluice.ingest.decide;

import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.Severity;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Aggregated findings of one identifier in one document: how many, how severe, and who found them.
 * Never holds a value.
 */
public record Evidence(
    String identifierId,
    Category category,
    Severity severity,
    int count,
    Set<SignalSource> sources) {
  public Evidence {
    Objects.requireNonNull(identifierId, "identifierId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(severity, "severity");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1");
    }
    sources = sources.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sources));
  }
}
