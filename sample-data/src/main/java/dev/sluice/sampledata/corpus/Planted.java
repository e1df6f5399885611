package dev.sluice.sampledata.corpus;

import java.util.Objects;

/**
 * One planted value: its type (a Macie-compatible identifier id such as {@code
 * USA_SOCIAL_SECURITY_NUMBER}, or {@code custom:<name>} for a custom identifier match, or {@code
 * deny:<term>} for a deny term), the exact value, the unit it sits in ({@code ""} for the container
 * itself, {@code /path} for an embedded file) and its Java string offsets in the unit's source
 * text.
 */
public record Planted(String type, String value, String unit, int start, int end) {

  /** Validates the offsets and non-null fields. */
  public Planted {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    if (start < 0 || end - start != value.length()) {
      throw new IllegalArgumentException("offsets do not span the value for type " + type);
    }
  }

  /** True for a custom identifier match ({@code custom:<name>}). */
  public boolean isCustom() {
    return type.startsWith("custom:");
  }

  /** True for a deny term match ({@code deny:<term>}). */
  public boolean isDenyTerm() {
    return type.startsWith("deny:");
  }

  /** True for a managed identifier (neither custom nor deny term). */
  public boolean isManaged() {
    return !isCustom() && !isDenyTerm();
  }

  /** A copy moved into another unit. */
  public Planted inUnit(String newUnit) {
    return new Planted(type, value, newUnit, start, end);
  }
}
