package dev.sluice.classifiers;

/** Severity of a finding, ordered from least to most severe. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH;

  /** Returns the more severe of this and {@code other}. */
  public Severity max(Severity other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
