package dev.sluice.ingest.macie;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Macie's results for one object version.
 *
 * @param current findings about exactly this version, used as evidence
 * @param stale findings about another version; reported, never used as the verdict
 * @param unavailable why Macie could not be consulted (required mode makes this block approval)
 */
public record MacieEvidence(
    List<MacieFinding> current, List<MacieFinding> stale, Optional<String> unavailable) {
  public MacieEvidence {
    current = List.copyOf(current);
    stale = List.copyOf(stale);
    Objects.requireNonNull(unavailable, "unavailable");
  }

  /** No Macie results and nothing wrong. */
  public static MacieEvidence none() {
    return new MacieEvidence(List.of(), List.of(), Optional.empty());
  }

  /** Macie could not be consulted. */
  public static MacieEvidence unavailable(String why) {
    return new MacieEvidence(List.of(), List.of(), Optional.of(why));
  }
}
