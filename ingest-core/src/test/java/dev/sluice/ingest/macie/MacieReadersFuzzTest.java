package dev.sluice.ingest.macie;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.sampledata.fuzz.MutationFuzz;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the Macie discovery-result reader and, through it, the finding reader ({@code
 * MacieResults.fromJson}): any file (JSON Lines, gzip or not) is read to the end with every record
 * either kept, counted malformed or counted oversized; a broken gzip stream is an {@link
 * IOException} (the caller then treats the results as unreadable); no other exception escapes.
 */
class MacieReadersFuzzTest {

  @FuzzTest(maxDuration = "90s")
  void anyDiscoveryResultFile(byte[] data) {
    check(data);
  }

  @Test
  void seededMutations() {
    assertThat(
            MutationFuzz.run(
                MacieReadersFuzzTest.class,
                "anyDiscoveryResultFile",
                47,
                List.of(
                    "\n",
                    "{",
                    "}",
                    "[",
                    "]",
                    "\"resourcesAffected\"",
                    "\"s3Object\"",
                    "\"key\"",
                    "\"classificationDetails\"",
                    "\"sensitiveData\"",
                    "\"detections\"",
                    "\"occurrences\"",
                    "\"lineRanges\"",
                    "\"cells\"",
                    "\"count\"",
                    "-1",
                    "9223372036854775807",
                    "1e400",
                    "null",
                    "\"start\"",
                    "\"customDataIdentifiers\"",
                    "\u001f\u008b"),
                MacieReadersFuzzTest::check))
        .isPositive();
  }

  static void check(byte[] data) {
    List<MacieFinding> kept = new ArrayList<>();
    DiscoveryResults r =
        new DiscoveryResults(
            "raw-docs", "", CustomIdentifierNames.of(Map.of("cdi-1", "EMPLOYEE_ID")), kept::add);
    try {
      r.read(new ByteArrayInputStream(data), "s3://results/fuzz.jsonl");
    } catch (IOException unreadable) {
      return;
    }
    assertThat(r.kept).isEqualTo(kept.size());
    assertThat(r.records).isGreaterThanOrEqualTo(r.kept + r.malformed);
    for (MacieFinding f : kept) {
      assertThat(f.bucket()).isEqualTo("raw-docs");
      assertThat(f.key()).isNotEmpty();
    }
  }
}
