package dev.sluice.classifiers.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.Finding;
import dev.sluice.classifiers.Scanner;
import dev.sluice.classifiers.Severity;
import dev.sluice.classifiers.Synth;
import dev.sluice.classifiers.bench.Corpus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RedactorTest {
  private static final Scanner SCANNER = Scanner.builder().build();

  @Test
  void replacesWithIdentifierAndCounts() {
    Synth s = new Synth(3);
    String card = Synth.group(s.visa(), 4, 4, 4, 4);
    String text = "Dear Jennifer Lawson, card " + card + " and mail jl@example.org.";
    Redaction r = Redactor.redact(text, SCANNER.scan(text), RedactionPlan.replaceAll());
    assertThat(r.text())
        .isEqualTo("Dear [NAME], card [CREDIT_CARD_NUMBER] and mail [EMAIL_ADDRESS].");
    assertThat(r.counts())
        .containsEntry("NAME", 1)
        .containsEntry("CREDIT_CARD_NUMBER", 1)
        .containsEntry("EMAIL_ADDRESS", 1);
    assertThat(r.toString()).doesNotContain("Lawson");
  }

  @Test
  void partialMaskKeepsShapeAndLastFour() {
    Synth s = new Synth(4);
    String card = s.visa();
    String text = "card " + card;
    Redaction r =
        Redactor.redact(
            text,
            SCANNER.scan(text),
            RedactionPlan.builder().defaultOperator(Operator.PARTIAL_MASK).build());
    assertThat(r.text()).isEqualTo("card ************" + card.substring(12));
  }

  @Test
  void pseudonymsAreConsistentAcrossDocumentsAndKeyed() {
    RedactionPlan plan =
        RedactionPlan.builder()
            .defaultOperator(Operator.PSEUDONYM)
            .pseudonymKey("k1-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
            .build();
    String a = "Dear Jennifer Lawson, thanks.";
    String b = "Meeting with Jennifer Lawson tomorrow and Marcus Chen.";
    String ra = Redactor.redact(a, SCANNER.scan(a), plan).text();
    String rb = Redactor.redact(b, SCANNER.scan(b), plan).text();
    String token = ra.substring(5, ra.indexOf(','));
    assertThat(token).matches("NAME_[0-9a-f]{6}");
    assertThat(rb).contains(token).doesNotContain("Lawson");
    assertThat(rb.indexOf(token)).isNotEqualTo(rb.lastIndexOf("NAME_"));
    RedactionPlan other =
        RedactionPlan.builder()
            .defaultOperator(Operator.PSEUDONYM)
            .pseudonymKey("k2-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
            .build();
    assertThat(Redactor.redact(a, SCANNER.scan(a), other).text()).doesNotContain(token);
  }

  @Test
  void overlapsResolvedLongestThenSeverityThenEarliestThenId() {
    Finding longLow = f("ADDRESS", Severity.LOW, 0, 10);
    Finding shortHigh = f("USA_SOCIAL_SECURITY_NUMBER", Severity.HIGH, 2, 8);
    Finding sameLenHigh = f("B_ID", Severity.HIGH, 12, 16);
    Finding sameLenLow = f("A_ID", Severity.LOW, 13, 17);
    Finding tieA = f("A_ID", Severity.MEDIUM, 20, 24);
    Finding tieB = f("B_ID", Severity.MEDIUM, 20, 24);
    String text = "x".repeat(30);
    Redaction r =
        Redactor.redact(
            text,
            List.of(tieB, sameLenLow, shortHigh, longLow, tieA, sameLenHigh),
            RedactionPlan.replaceAll());
    assertThat(r.text()).isEqualTo("[ADDRESS]xx[B_ID]xxxx[A_ID]xxxxxx");
    assertThat(r.counts())
        .containsEntry("A_ID", 1)
        .containsEntry("B_ID", 1)
        .containsEntry("ADDRESS", 1)
        .doesNotContainKey("USA_SOCIAL_SECURITY_NUMBER");
  }

  @Test
  void identifiersMappedToNullAreLeftAlone() {
    String text = "mail jl@example.org from 10.1.2.3";
    Redaction r =
        Redactor.redact(
            text, SCANNER.scan(text), RedactionPlan.builder().operator("IP_ADDRESS", null).build());
    assertThat(r.text()).isEqualTo("mail [EMAIL_ADDRESS] from 10.1.2.3");
  }

  @ParameterizedTest
  @EnumSource(Operator.class)
  void redactedOutputRescansCleanAndHoldsNoFragment(Operator op) {
    for (long seed = 1; seed <= 2; seed++) {
      Corpus c = new Corpus(seed, false, true).fill(120_000);
      String text = c.text();
      List<Finding> findings = SCANNER.scan(text);
      RedactionPlan plan = RedactionPlan.builder().defaultOperator(op).build();
      Redaction r = Redactor.redact(text, findings, plan);
      Set<String> redactedTypes =
          findings.stream().map(Finding::identifierId).collect(Collectors.toSet());
      List<Finding> again = SCANNER.scan(r.text());
      assertThat(again)
          .as("re-scan after %s", op)
          .noneMatch(f -> redactedTypes.contains(f.identifierId()));
      if (op.removesValue()) {
        java.util.Map<String, Long> found =
            findings.stream()
                .collect(
                    Collectors.groupingBy(
                        f -> text.substring(f.start(), f.end()), Collectors.counting()));
        for (Finding f : findings) {
          String raw = text.substring(f.start(), f.end());
          // only values whose every occurrence was found: others may legitimately remain
          if (raw.length() >= 10 && occurrences(text, raw) == found.get(raw)) {
            assertThat(r.text()).as("fragment of a %s", f.identifierId()).doesNotContain(raw);
          }
        }
      }
      assertThat(r.total()).isEqualTo(findings.size());
    }
  }

  private static long occurrences(String text, String v) {
    long n = 0;
    for (int i = text.indexOf(v); i >= 0; i = text.indexOf(v, i + 1)) {
      n++;
    }
    return n;
  }

  private static Finding f(String id, Severity sev, int s, int e) {
    return new Finding(id, Category.PERSONAL_INFORMATION, sev, s, e, false, "*", "fp-" + id + s);
  }
}
