package dev.sluice.ingest.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code allowUnscannableContent}: images, embedded objects and macros are held unless allowed. */
class UnscannableContentPolicyTest {
  static final String RULES = "rules:\n  - {id: c, categories: [CREDENTIALS], action: REJECT}\n";

  static Policy parse(String yaml) {
    return PolicyLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
  }

  static DocumentSignals withContent(String... kinds) {
    return new DocumentSignals(List.of(), Optional.empty(), false, Optional.empty(), Set.of(kinds));
  }

  @Test
  void byDefaultUnscannableContentIsHeldLikeAnUnscannableDocument() {
    Policy p = parse("version: 1\n" + RULES);

    assertThat(p.allowUnscannableContent()).isEmpty();
    Verdict v = p.evaluate(withContent("IMAGE"));
    assertThat(v.decision()).isEqualTo(Decision.QUARANTINE);
    assertThat(v.reasons()).extracting(Reason::rule).containsExactly("defaults.unscannableContent");
    assertThat(p.evaluate(DocumentSignals.clean()).decision()).isEqualTo(Decision.APPROVE);
  }

  @Test
  void anAllowedKindPassesAndOthersAreStillHeld() {
    Policy p = parse("version: 1\nallowUnscannableContent: [image]\n" + RULES);

    assertThat(p.allowUnscannableContent()).containsExactly("IMAGE");
    assertThat(p.evaluate(withContent("IMAGE")).decision()).isEqualTo(Decision.APPROVE);
    assertThat(p.evaluate(withContent("IMAGE", "MACRO")).decision()).isEqualTo(Decision.QUARANTINE);
  }

  @Test
  void theUnscannableDefaultDecidesHowHeld() {
    Policy p = parse("version: 1\ndefaults: {unscannable: REJECT}\n" + RULES);
    assertThat(p.evaluate(withContent("EMBEDDED_OBJECT")).decision()).isEqualTo(Decision.REJECT);
  }

  @Test
  void anUnknownKindIsRefusedWithItsPath() {
    assertThatThrownBy(() -> parse("version: 1\nallowUnscannableContent: [IMAGE, VIDEO]\n" + RULES))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining(
            "allowUnscannableContent[1]: unknown value 'VIDEO' (expected one of [EMBEDDED_OBJECT, IMAGE, MACRO])");
  }
}
