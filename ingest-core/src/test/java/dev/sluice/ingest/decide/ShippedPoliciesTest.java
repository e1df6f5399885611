package dev.sluice.ingest.decide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every policy the project ships must load: a shipped example that fails validation is a bug. */
class ShippedPoliciesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** Every *policy*.yaml under the repository (sources and docs, not build output). */
  static List<Path> shippedPolicies() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches(".*polic(y|ies).*\\.ya?ml"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
          .filter(p -> !p.toString().contains("/src/test/"))
          .sorted()
          .toList();
    }
  }

  static Set<String> sampleCustomIdentifiers() throws IOException {
    Set<String> names = new HashSet<>();
    JsonNode n =
        new ObjectMapper()
            .readTree(ROOT.resolve("sample-data/config/custom-identifiers.json").toFile());
    n.forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  @Test
  void everyShippedPolicyValidates() throws IOException {
    List<Path> policies = shippedPolicies();
    assertThat(policies)
        .extracting(p -> ROOT.relativize(p).toString())
        .contains(
            "sample-data/config/policy.yaml",
            "ingest-core/src/main/resources/sluice/default-policy.yaml");
    Set<String> custom = sampleCustomIdentifiers();
    for (Path p : policies) {
      Policy policy = PolicyLoader.load(p, custom);
      assertThat(policy.rules()).as("%s", p).isNotEmpty();
    }
  }

  @Test
  void defaultPolicyRejectsPassportsOfEveryCountryThroughItsWildcard() {
    Policy p = PolicyLoader.defaultPolicy();
    Verdict v =
        p.evaluate(
            new DocumentSignals(
                List.of(
                    new Evidence(
                        "GERMANY_PASSPORT_NUMBER",
                        dev.sluice.classifiers.Category.PERSONAL_INFORMATION,
                        dev.sluice.classifiers.Severity.HIGH,
                        1,
                        Set.of(SignalSource.SLUICE))),
                java.util.Optional.empty(),
                false,
                java.util.Optional.empty()));
    assertThat(v.decision()).isEqualTo(Decision.REJECT);
  }
}
