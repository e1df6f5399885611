package dev.sluice.classifiers;

/**
 * How Macie grades a sensitive-data type by its occurrence count in one object: the severity at 1
 * occurrence, at 2-99 and at 100 or more (Macie User Guide, findings-severity).
 */
public enum SeverityScale {
  /** High at every count: credentials, bank accounts, card numbers, SSN, national IDs, tax IDs. */
  HIGH_HIGH_HIGH(Severity.HIGH, Severity.HIGH, Severity.HIGH),
  /** Card expiry, birth date, driver's licence, full name, cookie, address, phone. */
  LOW_MEDIUM_HIGH(Severity.LOW, Severity.MEDIUM, Severity.HIGH),
  /** Card security code, passport. */
  MEDIUM_HIGH_HIGH(Severity.MEDIUM, Severity.HIGH, Severity.HIGH),
  /** Macie's default for custom identifiers and organisation tax IDs. */
  MEDIUM_MEDIUM_HIGH(Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH),
  /** GPS coordinates. */
  LOW_MEDIUM_MEDIUM(Severity.LOW, Severity.MEDIUM, Severity.MEDIUM),
  /** Vehicle identification number. */
  LOW_LOW_MEDIUM(Severity.LOW, Severity.LOW, Severity.MEDIUM);

  private final Severity one;
  private final Severity some;
  private final Severity many;

  SeverityScale(Severity one, Severity some, Severity many) {
    this.one = one;
    this.some = some;
    this.many = many;
  }

  /**
   * Severity for {@code count} occurrences of one type in one document: 1, 2-99 or 100 and more.
   *
   * @throws IllegalArgumentException if {@code count < 1}
   */
  public Severity forCount(long count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, was " + count);
    }
    return count == 1 ? one : count < 100 ? some : many;
  }
}
