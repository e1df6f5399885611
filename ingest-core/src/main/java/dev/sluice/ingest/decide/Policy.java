package dev.sluice.ingest.decide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A versioned policy: datasets plus rules that map evidence to decisions. Evaluation is
 * most-restrictive-wins over every rule that fires, and it fails closed: an unscannable or
 * truncated document, a missing required Macie result, or evidence no rule covers is never
 * approved. Immutable and thread-safe.
 */
public final class Policy {
  private final String name;
  private final int version;
  private final String hash;
  private final List<DatasetSpec> datasets;
  private final List<Rule> rules;
  private final Decision onUnscannable;
  private final Decision onTruncated;
  private final Decision onUnmatched;
  private final Decision onMacieUnavailable;
  private final List<Acknowledgement> acknowledgements;
  private final Set<String> allowUnscannableContent;

  /**
   * A rule that approves a high-risk category, with the reason its author gave. Printed in every
   * run report so approving credentials or card data is never silent.
   *
   * @param ruleId the rule
   * @param categories the high-risk categories it approves
   * @param text the policy's {@code acknowledgeRisk} text
   */
  public record Acknowledgement(String ruleId, List<String> categories, String text) {
    public Acknowledgement {
      Objects.requireNonNull(ruleId, "ruleId");
      categories = List.copyOf(categories);
      Objects.requireNonNull(text, "text");
    }
  }

  Policy(
      String name,
      int version,
      String hash,
      List<DatasetSpec> datasets,
      List<Rule> rules,
      Decision onUnscannable,
      Decision onTruncated,
      Decision onUnmatched,
      Decision onMacieUnavailable,
      List<Acknowledgement> acknowledgements,
      Set<String> allowUnscannableContent) {
    this.name = Objects.requireNonNull(name);
    this.version = version;
    this.hash = Objects.requireNonNull(hash);
    this.datasets = List.copyOf(datasets);
    this.rules = List.copyOf(rules);
    this.onUnscannable = onUnscannable;
    this.onTruncated = onTruncated;
    this.onUnmatched = onUnmatched;
    this.onMacieUnavailable = onMacieUnavailable;
    this.allowUnscannableContent = Set.copyOf(allowUnscannableContent);
    this.acknowledgements = List.copyOf(acknowledgements);
  }

  /** Rules that approve CREDENTIALS or FINANCIAL_INFORMATION, with their acknowledgement. */
  public List<Acknowledgement> acknowledgements() {
    return acknowledgements;
  }

  public String name() {
    return name;
  }

  public int version() {
    return version;
  }

  /** SHA-256 (hex) of the policy file's bytes; recorded in every lineage record. */
  public String hash() {
    return hash;
  }

  public List<DatasetSpec> datasets() {
    return datasets;
  }

  public List<Rule> rules() {
    return rules;
  }

  /**
   * Kinds of unscannable content ({@code IMAGE}, {@code EMBEDDED_OBJECT}, {@code MACRO}) a document
   * may hold and still be approved; empty by default, so such a document is held back like an
   * unscannable one.
   */
  public Set<String> allowUnscannableContent() {
    return allowUnscannableContent;
  }

  /** The dataset a source key belongs to: the first whose prefixes cover it. */
  public java.util.Optional<DatasetSpec> datasetFor(String key) {
    return datasets.stream().filter(d -> d.covers(key)).findFirst();
  }

  /** Decides a document. Never returns APPROVE or REDACT for a document the policy is unsure of. */
  public Verdict evaluate(DocumentSignals signals) {
    Decision decision = Decision.APPROVE;
    List<Reason> reasons = new ArrayList<>();
    Map<String, String> redactions = new HashMap<>();
    if (signals.unscannable().isPresent()) {
      reasons.add(new Reason("defaults.unscannable", onUnscannable, signals.unscannable().get()));
      decision = decision.mostRestrictive(onUnscannable);
    }
    for (String kind : signals.unscannableContent()) {
      if (!allowUnscannableContent.contains(kind)) {
        reasons.add(
            new Reason(
                "defaults.unscannableContent", onUnscannable, kind + " content not scanned"));
        decision = decision.mostRestrictive(onUnscannable);
      }
    }
    if (signals.truncated()) {
      reasons.add(new Reason("defaults.truncated", onTruncated, "text truncated at cap"));
      decision = decision.mostRestrictive(onTruncated);
    }
    if (signals.macieUnavailable().isPresent()) {
      reasons.add(
          new Reason(
              "defaults.macieUnavailable", onMacieUnavailable, signals.macieUnavailable().get()));
      decision = decision.mostRestrictive(onMacieUnavailable);
    }
    for (Evidence e : signals.evidence()) {
      boolean covered = false;
      for (Rule r : rules) {
        if (r.matches(e)) {
          covered = true;
          reasons.add(new Reason(r.id(), r.action(), describe(e)));
          decision = decision.mostRestrictive(r.action());
          if (r.action() == Decision.REDACT) {
            redactions.putIfAbsent(e.identifierId(), r.operator());
          }
        }
      }
      if (!covered) {
        reasons.add(new Reason("defaults.unmatched", onUnmatched, describe(e)));
        decision = decision.mostRestrictive(onUnmatched);
      }
    }
    if (decision != Decision.REDACT) {
      redactions.clear();
    }
    return new Verdict(decision, dedupe(reasons), redactions);
  }

  private static List<Reason> dedupe(List<Reason> reasons) {
    Set<Reason> unique = new LinkedHashSet<>(reasons);
    return List.copyOf(unique);
  }

  private static String describe(Evidence e) {
    return e.identifierId() + " x" + e.count() + " by " + e.sources().stream().sorted().toList();
  }
}
