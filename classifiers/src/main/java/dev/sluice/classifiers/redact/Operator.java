package dev.sluice.classifiers.redact;

/** What replaces a redacted value. */
public enum Operator {
  /** {@code [IDENTIFIER_ID]}. */
  REPLACE,
  /**
   * Letters and digits become {@code *}, separators stay; values of 12 chars or more keep their
   * last 4 chars (like a card receipt). Keeps a fragment by design.
   */
  PARTIAL_MASK,
  /**
   * A keyed, consistent token {@code <ID>_<6 hex>}: the same value under the same fingerprint and
   * pseudonym keys gives the same token in every document and run.
   */
  PSEUDONYM,
  /** Removes the value. */
  DROP;

  /** Whether the operator leaves no fragment of the value. */
  public boolean removesValue() {
    return this != PARTIAL_MASK;
  }
}
