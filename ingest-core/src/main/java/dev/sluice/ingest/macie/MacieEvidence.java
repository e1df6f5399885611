package dev.sluice.ingest.macie;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Macie's results for one object version. Immutable.
 *
 * @param current findings and discovery records about exactly this version, used as evidence
 * @param stale findings about another version; reported, never used as the verdict
 * @param unavailable why a required Macie result is missing (blocks approval), or empty
 * @param warnings payload-free notes for the report that do not block approval: stale results,
 *     Macie unreachable in advisory mode, incomplete analysis
 */
public record MacieEvidence(
    List<MacieFinding> current,
    List<MacieFinding> stale,
    Optional<String> unavailable,
    List<String> warnings) {
  public MacieEvidence {
    current = List.copyOf(current);
    stale = List.copyOf(stale);
    Objects.requireNonNull(unavailable, "unavailable");
    warnings = List.copyOf(warnings);
  }

  public MacieEvidence(
      List<MacieFinding> current, List<MacieFinding> stale, Optional<String> unavailable) {
    this(current, stale, unavailable, List.of());
  }

  /** No Macie results and nothing wrong. */
  public static MacieEvidence none() {
    return new MacieEvidence(List.of(), List.of(), Optional.empty(), List.of());
  }

  /** Macie could not be consulted. */
  public static MacieEvidence unavailable(String why) {
    return new MacieEvidence(List.of(), List.of(), Optional.of(why), List.of());
  }

  /** Nothing from Macie, with a warning for the report. */
  public static MacieEvidence warning(String warning) {
    return new MacieEvidence(List.of(), List.of(), Optional.empty(), List.of(warning));
  }
}
