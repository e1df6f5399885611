package dev.sluice.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.classifiers.identifier.CustomDataIdentifier;
import dev.sluice.classifiers.identifier.CustomIdentifiers;
import dev.sluice.sampledata.fuzz.MutationFuzz;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the custom-identifier loader (Macie's CreateCustomDataIdentifier JSON shape, or YAML).
 * Any input: a list of identifiers or an {@link IllegalArgumentException} naming the problems,
 * never another exception; an accepted list builds a scanner that scans a sample text cleanly.
 */
class CustomIdentifiersFuzzTest {
  private static final String SAMPLE =
      "employee id EMP-123456, staff no EMP-000000; project falcon ships. card 4111111111111111";

  @FuzzTest(maxDuration = "90s")
  void anyDefinitions(byte[] data) {
    check(data);
  }

  @Test
  void seededMutations() {
    assertThat(
            MutationFuzz.run(
                CustomIdentifiersFuzzTest.class,
                "anyDefinitions",
                43,
                List.of(
                    "\"regex\"",
                    "\"keywords\"",
                    "\"name\"",
                    "\"severityLevels\"",
                    "[",
                    "]",
                    "{",
                    "}",
                    ":",
                    ",",
                    "\"(\\\\d{6})\"",
                    "\"(?i)\"",
                    "\"\\\\\"",
                    "null",
                    "-1",
                    "301",
                    "\"HIGH\"",
                    "&a",
                    "*a",
                    "!!binary",
                    "\"maximumMatchDistance\"",
                    "customIdentifiers:"),
                CustomIdentifiersFuzzTest::check))
        .isPositive();
  }

  static void check(byte[] data) {
    List<CustomDataIdentifier> ids;
    try {
      ids = CustomIdentifiers.parse(new String(data, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).startsWith("customIdentifiers");
      return;
    }
    Scanner scanner = Scanner.builder().customIdentifiers(ids).build();
    for (Finding f : scanner.scan(SAMPLE)) {
      assertThat(f.start()).isBetween(0, SAMPLE.length() - 1);
      assertThat(f.end()).isBetween(f.start() + 1, SAMPLE.length());
    }
  }
}
