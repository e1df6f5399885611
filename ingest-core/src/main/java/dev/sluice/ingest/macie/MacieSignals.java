package dev.sluice.ingest.macie;

import dev.sluice.ingest.source.SourceItem;

/** Macie's results per source object. Implementations are thread-safe. */
@FunctionalInterface
public interface MacieSignals {

  /** Macie's evidence for {@code item}'s exact version. */
  MacieEvidence forObject(SourceItem item);

  /** Macie switched off. */
  static MacieSignals off() {
    return item -> MacieEvidence.none();
  }
}
