package dev.sluice.ingest.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published JSON Schema of the policy file ({@code sluice/policy.schema.json}, for editors)
 * accepts every policy the project ships, and agrees with {@link PolicyLoader} on valid and broken
 * policies, so what an editor underlines is what {@code sluice policy validate} refuses.
 */
class PolicySchemaTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final JsonSchema SCHEMA = schema();

  static JsonSchema schema() {
    try (InputStream in = PolicyLoader.class.getResourceAsStream("/sluice/policy.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Set<ValidationMessage> validate(String yaml) throws IOException {
    return SCHEMA.validate(YAML.readTree(yaml));
  }

  /** Every YAML file the project ships that is a policy (has a top-level {@code rules}). */
  static List<Path> shippedPolicies() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path root :
        List.of(
            Path.of("src", "main", "resources", "sluice"),
            Path.of("..", "sample-data", "config"),
            Path.of("..", "docs"),
            Path.of("..", "deploy"))) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(f -> f.toString().matches(".*\\.ya?ml")).toList()) {
          JsonNode n = YAML.readTree(f.toFile());
          if (n != null && n.has("rules")) {
            out.add(f);
          }
        }
      }
    }
    return out;
  }

  @Test
  void everyShippedPolicyValidatesAgainstTheSchema() throws Exception {
    // that each also loads (with the custom identifiers it names) is ShippedPoliciesTest's
    List<Path> policies = shippedPolicies();
    assertThat(policies).hasSizeGreaterThanOrEqualTo(2);
    for (Path p : policies) {
      String yaml = Files.readString(p, StandardCharsets.UTF_8);
      assertThat(validate(yaml)).as("schema errors in %s", p).isEmpty();
    }
  }

  static final String VALID =
      """
      version: 1
      name: t
      defaults: {unscannable: QUARANTINE, truncated: REJECT}
      datasets:
        - {name: kb, bucket: curated, kmsKeyId: alias/k, sourcePrefixes: [kb/]}
      rules:
        - {id: secrets, categories: [CREDENTIALS], action: REJECT}
        - {id: mail, identifiers: [EMAIL_ADDRESS], action: REDACT, operator: PARTIAL_MASK}
      """;

  @Test
  void aValidPolicyPassesBoth() throws Exception {
    assertThat(validate(VALID)).isEmpty();
    assertThat(PolicyLoader.parse(VALID.getBytes(StandardCharsets.UTF_8), "t").rules()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "defaults: {unscannable: QUARANTINE, truncated: REJECT}=>defaults: {unmatched: APPROVE}",
        "defaults: {unscannable: QUARANTINE, truncated: REJECT}=>defaults: {unscannable: REDACT}",
        "action: REJECT}=>action: REJECT, operator: DROP}",
        "categories: [CREDENTIALS], action: REJECT=>categories: [SECRETS], action: REJECT",
        "categories: [CREDENTIALS], action: REJECT=>categories: [CREDENTIALS]",
        "{id: secrets, categories: [CREDENTIALS], action: REJECT}=>{id: x, action: REJECT}",
        "name: t=>name: t\\nowner: me",
        "version: 1=>version: 2",
        "name: kb, bucket=>name: KB, bucket",
        "action: REJECT}=>action: REJECT, minSeverity: SEVERE}",
        "action: REJECT}=>action: REJECT, minCount: 0}",
        "categories: [CREDENTIALS], action: REJECT=>categories: [CREDENTIALS], action: APPROVE",
        "action: REJECT}=>action: REJECT, acknowledgeRisk: ok}",
      })
  void aBrokenPolicyIsRefusedByBoth(String edit) throws Exception {
    String[] e = edit.split("=>");
    String broken = VALID.replace(e[0], e[1].replace("\\n", "\n"));
    assertThat(broken).as("the edit applies").isNotEqualTo(VALID);
    assertThat(validate(broken)).as("schema refuses:%n%s", broken).isNotEmpty();
    String b = broken;
    assertThatThrownBy(() -> PolicyLoader.parse(b.getBytes(StandardCharsets.UTF_8), "t"))
        .as("loader refuses:%n%s", broken)
        .isInstanceOf(PolicyException.class);
  }
}
