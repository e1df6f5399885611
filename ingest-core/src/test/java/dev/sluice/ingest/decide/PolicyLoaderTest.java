package dev.sluice.ingest.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

  static Policy parse(String yaml) {
    return PolicyLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
  }

  @Test
  void reportsEveryErrorWithItsLocation() {
    String yaml =
        """
        version: 2
        colour: blue
        defaults:
          unscannable: APPROVE
        datasets:
          - name: Bad_Name
            bucket: curated
          - name: kb
            bucket: curated
            kmsKeyId: alias/k
          - name: kb
            bucket: curated
            kmsKeyId: alias/k
        rules:
          - id: a
            categories: [CREDENTIALS, SECRETS]
            action: ALLOW
          - id: a
            identifiers: [EMAIL_ADDRESS]
            action: REJECT
            operator: REPLACE
          - id: c
            action: REDACT
            operator: SHRED
            minCount: 0
        """;
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(PolicyException.class)
        .satisfies(
            e ->
                assertThat(((PolicyException) e).errors())
                    .contains(
                        "version: must be 1",
                        "defaults.unscannable: must be QUARANTINE or REJECT (unsure means not approved)",
                        "datasets[0].name: must be lowercase letters, digits and '-' (1-63 chars)",
                        "datasets[0].kmsKeyId: required",
                        "datasets[2].name: duplicate dataset 'kb'",
                        "rules[0].action: unknown value 'ALLOW' (expected one of [APPROVE, REDACT, QUARANTINE, REJECT])",
                        "rules[1].id: duplicate rule id 'a'",
                        "rules[1].operator: only allowed with action REDACT",
                        "rules[2].identifiers: a rule needs identifiers or categories",
                        "rules[2].minCount: must be >= 1")
                    .anyMatch(m -> m.startsWith("colour: unknown field"))
                    .anyMatch(m -> m.startsWith("rules[0].categories: unknown value 'SECRETS'"))
                    .anyMatch(m -> m.startsWith("rules[2].operator: must be one of")));
  }

  @Test
  void notYamlNamesTheLine() {
    assertThatThrownBy(() -> parse("version: 1\nrules: [\n  - : :\n"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("line ")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void defaultPolicyLoadsAndHashIsStableAndContentBound() {
    Policy a = PolicyLoader.defaultPolicy();
    Policy b = PolicyLoader.defaultPolicy();
    assertThat(a.hash()).hasSize(64).isEqualTo(b.hash());
    Policy other =
        parse("version: 1\nrules:\n  - {id: x, categories: [CREDENTIALS], action: REJECT}\n");
    assertThat(other.hash()).isNotEqualTo(a.hash());
  }

  static java.util.List<String> errors(String yaml) {
    try {
      parse(yaml);
    } catch (PolicyException e) {
      return e.errors();
    }
    throw new AssertionError("policy was accepted");
  }

  @Test
  void truncatedApproveIsRefusedAtLoad() {
    assertThat(
            errors(
                "version: 1\ndefaults:\n  truncated: APPROVE\nrules:\n"
                    + "  - {id: x, categories: [CREDENTIALS], action: REJECT}\n"))
        .containsExactly(
            "defaults.truncated: must be QUARANTINE or REJECT (unsure means not approved)");
    assertThat(
            errors(
                "version: 1\ndefaults:\n  truncated: REDACT\nrules:\n"
                    + "  - {id: x, categories: [CREDENTIALS], action: REJECT}\n"))
        .containsExactly(
            "defaults.truncated: must be QUARANTINE or REJECT (unsure means not approved)");
  }

  @Test
  void approvingCredentialsOrFinancialNeedsAnAcknowledgement() {
    assertThat(
            errors(
                """
                version: 1
                rules:
                  - id: ok-cards
                    categories: [FINANCIAL_INFORMATION]
                    action: APPROVE
                  - id: ok-keys
                    identifiers: [AWS_CREDENTIALS]
                    action: APPROVE
                  - id: ok-ibans
                    identifiers: ["*_BANK_ACCOUNT_NUMBER"]
                    action: APPROVE
                """))
        .containsExactly(
            "rules[0].acknowledgeRisk: required: this rule approves [FINANCIAL_INFORMATION];"
                + " say why in acknowledgeRisk (it is printed in every run report)",
            "rules[1].acknowledgeRisk: required: this rule approves [CREDENTIALS];"
                + " say why in acknowledgeRisk (it is printed in every run report)",
            "rules[2].acknowledgeRisk: required: this rule approves [FINANCIAL_INFORMATION];"
                + " say why in acknowledgeRisk (it is printed in every run report)");
  }

  @Test
  void acknowledgedApprovalLoadsAndIsListed() {
    Policy p =
        parse(
            """
            version: 1
            rules:
              - id: test-cards
                categories: [FINANCIAL_INFORMATION]
                action: APPROVE
                acknowledgeRisk: "synthetic test cards only, ticket SEC-12"
              - id: personal
                categories: [PERSONAL_INFORMATION]
                action: APPROVE
            """);
    assertThat(p.acknowledgements())
        .containsExactly(
            new Policy.Acknowledgement(
                "test-cards",
                java.util.List.of("FINANCIAL_INFORMATION"),
                "synthetic test cards only, ticket SEC-12"));
  }

  @Test
  void acknowledgementOnlyWithApprove() {
    assertThat(
            errors(
                "version: 1\nrules:\n  - {id: x, categories: [CREDENTIALS], action: REJECT,"
                    + " acknowledgeRisk: why}\n"))
        .containsExactly("rules[0].acknowledgeRisk: only allowed with action APPROVE");
  }

  @Test
  void unknownIdentifierIsRejectedWithItsPath() {
    assertThat(
            errors(
                """
                version: 1
                rules:
                  - id: ids
                    identifiers: [USA_SOCIAL_SECURITY_NUMBER, USA_SOCIAL_SECURITY_NUMBR, EmployeeId]
                    action: REJECT
                  - id: wild
                    identifiers: ["NOSUCH_*", "*_PASSPORT_NUMBER", "DENY_TERM:codenames"]
                    action: REJECT
                """))
        .containsExactly(
            "rules[0].identifiers[1]: unknown identifier 'USA_SOCIAL_SECURITY_NUMBR' (not a managed"
                + " identifier, a configured custom identifier or DENY_TERM:<list>)",
            "rules[0].identifiers[2]: unknown identifier 'EmployeeId' (not a managed"
                + " identifier, a configured custom identifier or DENY_TERM:<list>)",
            "rules[1].identifiers[0]: unknown identifier 'NOSUCH_*' (not a managed"
                + " identifier, a configured custom identifier or DENY_TERM:<list>)");
  }

  @Test
  void configuredCustomIdentifiersAndMacieOnlyIdsAreKnown() {
    Policy p =
        PolicyLoader.parse(
            """
            version: 1
            rules:
              - id: ids
                identifiers: [EmployeeId, UK_DRIVERS_LICENSE, FRANCE_BANK_ACCOUNT_NUMBER]
                action: REJECT
            """
                .getBytes(StandardCharsets.UTF_8),
            "test.yaml",
            java.util.Set.of("EmployeeId"));
    assertThat(p.rules()).hasSize(1);
  }
}
