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
}
