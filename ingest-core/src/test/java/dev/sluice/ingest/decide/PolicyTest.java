package dev.sluice.ingest.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.Severity;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default policy, one decision kind at a time, and fail-closed defaults. */
class PolicyTest {
  private final Policy policy = PolicyLoader.defaultPolicy();

  static Evidence ev(String id, Category c, int count, SignalSource... by) {
    return new Evidence(id, c, Severity.MEDIUM, count, EnumSet.copyOf(List.of(by)));
  }

  static DocumentSignals signals(Evidence... e) {
    return new DocumentSignals(List.of(e), Optional.empty(), false, Optional.empty());
  }

  @Test
  void nothingFoundIsApproved() {
    Verdict v = policy.evaluate(DocumentSignals.clean());
    assertThat(v.decision()).isEqualTo(Decision.APPROVE);
    assertThat(v.reasons()).isEmpty();
  }

  @Test
  void personalDataIsRedactedWithTheRulesOperator() {
    Verdict v =
        policy.evaluate(
            signals(ev("EMAIL_ADDRESS", Category.PERSONAL_INFORMATION, 2, SignalSource.SLUICE)));
    assertThat(v.decision()).isEqualTo(Decision.REDACT);
    assertThat(v.redactions()).containsEntry("EMAIL_ADDRESS", "REPLACE");
    assertThat(v.reasons()).extracting(Reason::rule).containsExactly("personal");
    assertThat(v.reasons().get(0).evidence()).isEqualTo("EMAIL_ADDRESS x2 by [SLUICE]");
  }

  @Test
  void customIdentifiersAndDenyTermsAreQuarantined() {
    Verdict v =
        policy.evaluate(
            signals(
                ev("DENY_TERM:deny-terms", Category.CUSTOM_IDENTIFIER, 1, SignalSource.SLUICE)));
    assertThat(v.decision()).isEqualTo(Decision.QUARANTINE);
    assertThat(v.redactions()).isEmpty();
  }

  @Test
  void credentialsFromMacieAreRejectedLikeOurOwn() {
    Verdict v =
        policy.evaluate(
            signals(ev("AWS_CREDENTIALS", Category.CREDENTIALS, 1, SignalSource.MACIE)));
    assertThat(v.decision()).isEqualTo(Decision.REJECT);
    assertThat(v.reasons().get(0).evidence()).contains("by [MACIE]");
  }

  @Test
  void mostRestrictiveRuleWinsAndEveryFiredRuleIsAReason() {
    Verdict v =
        policy.evaluate(
            signals(
                ev("EMAIL_ADDRESS", Category.PERSONAL_INFORMATION, 1, SignalSource.SLUICE),
                ev(
                    "USA_SOCIAL_SECURITY_NUMBER",
                    Category.PERSONAL_INFORMATION,
                    1,
                    SignalSource.SLUICE)));
    assertThat(v.decision()).isEqualTo(Decision.REJECT);
    assertThat(v.redactions()).isEmpty(); // nothing is written, so nothing is redacted
    assertThat(v.reasons()).extracting(Reason::rule).contains("personal", "government-ids");
  }

  @Test
  void unsureMeansNotApproved() {
    assertThat(
            policy
                .evaluate(
                    new DocumentSignals(
                        List.of(), Optional.of("ENCRYPTED"), false, Optional.empty()))
                .decision())
        .isEqualTo(Decision.QUARANTINE);
    assertThat(
            policy
                .evaluate(new DocumentSignals(List.of(), Optional.empty(), true, Optional.empty()))
                .decision())
        .isEqualTo(Decision.QUARANTINE);
    assertThat(
            policy
                .evaluate(
                    new DocumentSignals(
                        List.of(), Optional.empty(), false, Optional.of("Macie unreachable")))
                .decision())
        .isEqualTo(Decision.QUARANTINE);
    // evidence of an identifier no rule mentions
    Policy narrow =
        PolicyLoaderTest.parse(
            "version: 1\nrules:\n  - {id: creds, categories: [CREDENTIALS], action: REJECT}\n");
    Verdict v =
        narrow.evaluate(signals(ev("NAME", Category.PERSONAL_INFORMATION, 1, SignalSource.SLUICE)));
    assertThat(v.decision()).isEqualTo(Decision.QUARANTINE);
    assertThat(v.reasons()).extracting(Reason::rule).containsExactly("defaults.unmatched");
  }

  @Test
  void minCountAndSourcesNarrowARule() {
    Policy p =
        PolicyLoaderTest.parse(
            """
            version: 1
            rules:
              - {id: many-emails, identifiers: [EMAIL_ADDRESS], minCount: 10, action: QUARANTINE}
              - {id: emails, identifiers: [EMAIL_ADDRESS], action: REDACT}
              - {id: macie-names, identifiers: [NAME], sources: [MACIE], action: REJECT}
              - {id: names, identifiers: [NAME], action: REDACT}
            """);
    assertThat(
            p.evaluate(
                    signals(
                        ev("EMAIL_ADDRESS", Category.PERSONAL_INFORMATION, 3, SignalSource.SLUICE)))
                .decision())
        .isEqualTo(Decision.REDACT);
    assertThat(
            p.evaluate(
                    signals(
                        ev(
                            "EMAIL_ADDRESS",
                            Category.PERSONAL_INFORMATION,
                            12,
                            SignalSource.SLUICE)))
                .decision())
        .isEqualTo(Decision.QUARANTINE);
    assertThat(
            p.evaluate(signals(ev("NAME", Category.PERSONAL_INFORMATION, 1, SignalSource.SLUICE)))
                .decision())
        .isEqualTo(Decision.REDACT);
    assertThat(
            p.evaluate(
                    signals(
                        ev(
                            "NAME",
                            Category.PERSONAL_INFORMATION,
                            1,
                            SignalSource.SLUICE,
                            SignalSource.MACIE)))
                .decision())
        .isEqualTo(Decision.REJECT);
  }
}
