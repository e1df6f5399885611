package dev.sluice.ingest.decide;

/** Who found a piece of evidence. */
public enum SignalSource {
  SLUICE,
  MACIE
}
