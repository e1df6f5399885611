package dev.sluice.ingest.decide;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A decision with the rules that produced it.
 *
 * @param decision the most restrictive action of the fired rules
 * @param reasons every rule that fired, in policy order
 * @param redactions for REDACT: identifier ID to redaction operator
 */
public record Verdict(Decision decision, List<Reason> reasons, Map<String, String> redactions) {
  public Verdict {
    Objects.requireNonNull(decision, "decision");
    reasons = List.copyOf(reasons);
    redactions = Map.copyOf(redactions);
  }
}
