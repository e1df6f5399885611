package dev.sluice.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScannerTest {
  private final Scanner scanner = Scanner.builder().build();

  @Test
  void findsLuhnValidCardWithOffsetsAndMaskedPreview() {
    String text = "Please charge card 4556 7375 8689 9855 today.";
    List<Finding> findings = scanner.scan(text);
    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.identifierId()).isEqualTo("CREDIT_CARD_NUMBER");
    assertThat(text.substring(f.start(), f.end())).isEqualTo("4556 7375 8689 9855");
    assertThat(f.keywordSupported()).isTrue();
    assertThat(f.preview()).doesNotContain("4556").endsWith("9855");
  }

  @Test
  void ignoresLuhnInvalidAndPublishedTestNumbers() {
    assertThat(scanner.scan("card 4556737586899856 and 4111111111111111")).isEmpty();
  }

  @Test
  void findsEmailAddress() {
    String text = "contact: jane.roe@example.org.";
    List<Finding> findings = scanner.scan(text);
    assertThat(findings).extracting(Finding::identifierId).containsExactly("EMAIL_ADDRESS");
    assertThat(text.substring(findings.get(0).start(), findings.get(0).end()))
        .isEqualTo("jane.roe@example.org");
  }

  @Test
  void sameValueSameKeyGivesSameFingerprint() {
    List<Finding> a = scanner.scan("card 4556737586899855");
    List<Finding> b = scanner.scan("visa: 4556-7375-8689-9855");
    assertThat(a.get(0).fingerprint()).isEqualTo(b.get(0).fingerprint());
    assertThat(a.get(0).fingerprint()).doesNotContain("4556737586899855");
  }
}
