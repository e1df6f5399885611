package dev.sluice.ingest.macie;

/** How Macie results take part in decisions. */
public enum MacieMode {
  /** Macie is not consulted. */
  OFF,
  /** Macie results are used when present. */
  ADVISORY,
  /** A document without a current Macie result is not approved. */
  REQUIRED
}
