package dev.sluice.ingest.decide;

/** What happens to a document, ordered from least to most restrictive. */
public enum Decision {
  /** Written as is. */
  APPROVE,
  /** Written after the policy's redaction operators are applied. */
  REDACT,
  /** Not written; optionally copied to quarantine for human review. */
  QUARANTINE,
  /** Not written. */
  REJECT;

  /** Whether data from a document with this decision may reach a curated dataset. */
  public boolean writesData() {
    return this == APPROVE || this == REDACT;
  }

  /** The more restrictive of this and {@code other}. */
  public Decision mostRestrictive(Decision other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
