package dev.sluice.ingest.decide;

import java.util.Objects;

/** Why a rule fired: the rule, its action and payload-free evidence (identifier, count, source). */
public record Reason(String rule, Decision action, String evidence) {
  public Reason {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(evidence, "evidence");
  }

  @Override
  public String toString() {
    return rule + "->" + action + " (" + evidence + ")";
  }
}
