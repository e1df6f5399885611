package dev.sluice.ingest.decide;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.sampledata.fuzz.MutationFuzz;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the policy loader: any bytes are either a valid {@link Policy} or a {@link
 * PolicyException} listing at least one error, never another exception.
 */
class PolicyLoaderFuzzTest {

  @FuzzTest(maxDuration = "90s")
  void anyYaml(byte[] data) {
    check(data);
  }

  @Test
  void seededMutations() {
    assertThat(
            MutationFuzz.run(
                PolicyLoaderFuzzTest.class,
                "anyYaml",
                53,
                List.of(
                    "\n",
                    "  ",
                    "- ",
                    ": ",
                    "version: 1",
                    "rules:",
                    "datasets:",
                    "defaults:",
                    "action: REJECT",
                    "action: REDACT",
                    "operator: PSEUDONYM",
                    "when:",
                    "&a ",
                    "*a",
                    "!!int ",
                    "!!str ",
                    "? ",
                    "{",
                    "}",
                    "[",
                    "]",
                    "null",
                    "~",
                    "1e400",
                    "-9999999999999999999",
                    "'",
                    "\"",
                    "#",
                    "---",
                    "..."),
                PolicyLoaderFuzzTest::check))
        .isPositive();
  }

  static void check(byte[] data) {
    try {
      Policy p = PolicyLoader.parse(data, "fuzz.yaml");
      assertThat(p).isNotNull();
    } catch (PolicyException expected) {
      assertThat(expected.errors()).isNotEmpty();
    }
  }
}
