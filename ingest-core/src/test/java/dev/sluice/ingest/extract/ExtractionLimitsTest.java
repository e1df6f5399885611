package dev.sluice.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExtractionLimitsTest {

  @Test
  void defaultsAreValidAndDocumented() {
    ExtractionLimits d = ExtractionLimits.DEFAULTS;

    assertThat(d.maxDocumentBytes()).isEqualTo(1L << 30);
    assertThat(d.maxCharsPerUnit()).isEqualTo(1 << 20);
    assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.maxNestingDepth()).isEqualTo(5);
    assertThat(d.maxEmbeddedEntries()).isEqualTo(10_000);
    assertThat(d.maxExpansionRatio()).isEqualTo(100);
    assertThat(d.toBuilder().build()).isEqualTo(d);
  }

  static List<Arguments> invalid() {
    return List.of(
        bad(b -> b.maxDocumentBytes(0), "maxDocumentBytes must be >= 1: 0"),
        bad(b -> b.maxCharsPerUnit(0), "maxCharsPerUnit must be >= 1: 0"),
        bad(b -> b.maxTotalChars(0), "maxTotalChars must be >= 1: 0"),
        bad(b -> b.timeout(Duration.ZERO), "timeout must be > 0: PT0S"),
        bad(b -> b.timeout(Duration.ofSeconds(-1)), "timeout must be > 0: PT-1S"),
        bad(b -> b.maxNestingDepth(-1), "maxNestingDepth must be >= 0: -1"),
        bad(b -> b.maxEmbeddedEntries(-1), "maxEmbeddedEntries must be >= 0: -1"),
        bad(b -> b.maxExpansionRatio(0), "maxExpansionRatio must be >= 1: 0"),
        bad(b -> b.ratioFloorBytes(-1), "ratioFloorBytes must be >= 0: -1"),
        bad(b -> b.maxEntityExpansions(0), "maxEntityExpansions must be >= 1: 0"),
        bad(b -> b.maxAbandonedParses(0), "maxAbandonedParses must be >= 1: 0"),
        bad(
            b -> b.maxCharsPerUnit(100).maxTotalChars(99),
            "maxTotalChars must be >= maxCharsPerUnit: 99 < 100"));
  }

  static Arguments bad(UnaryOperator<ExtractionLimits.Builder> edit, String message) {
    return Arguments.of(message, edit);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidValueFailsNamingTheField(
      String message, UnaryOperator<ExtractionLimits.Builder> edit) {
    assertThatThrownBy(() -> edit.apply(ExtractionLimits.builder()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void smallestValidValuesAreAccepted() {
    ExtractionLimits l =
        ExtractionLimits.builder()
            .maxDocumentBytes(1)
            .maxCharsPerUnit(1)
            .maxTotalChars(1)
            .timeout(Duration.ofMillis(1))
            .maxNestingDepth(0)
            .maxEmbeddedEntries(0)
            .maxExpansionRatio(1)
            .ratioFloorBytes(0)
            .maxEntityExpansions(1)
            .maxAbandonedParses(1)
            .build();

    assertThat(l.maxNestingDepth()).isZero();
  }

  @Test
  void nullTimeoutIsRejected() {
    assertThatThrownBy(() -> ExtractionLimits.builder().timeout(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
  }
}
