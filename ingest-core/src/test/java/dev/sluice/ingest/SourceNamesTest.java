package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.classifiers.Scanner;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceNamesTest {
  static final Scanner SCANNER = Scanner.builder().build();
  static final byte[] K1 = "key-one-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  static final byte[] K2 = "key-two-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  @Test
  void displayMasksFindingsAndKeepsTheRest() {
    SourceNames n = new SourceNames(SCANNER, K1);
    String shown = n.display("s3://raw/hr/ana.lima@example.test/review.txt");
    assertThat(shown).startsWith("s3://raw/hr/").endsWith("/review.txt");
    assertThat(shown).doesNotContain("ana.lima").doesNotContain("example.test");
  }

  @Test
  void longNamesAreCutAfterMasking() {
    String uri = "file:/" + "a/".repeat(1500) + "x.txt";
    String shown = new SourceNames(SCANNER, K1).display(uri);
    assertThat(shown).hasSizeLessThanOrEqualTo(SourceNames.MAX_DISPLAY).endsWith("[3011 chars]");
  }

  @Test
  void idsAndFingerprintsAreKeyed() {
    SourceNames a = new SourceNames(SCANNER, K1);
    SourceNames b = new SourceNames(SCANNER, K2);
    assertThat(a.id("run", "s3://raw/x")).hasSize(32).isEqualTo(a.id("run", "s3://raw/x"));
    assertThat(a.id("run", "s3://raw/x")).isNotEqualTo(b.id("run", "s3://raw/x"));
    String sha = "ab".repeat(32);
    assertThat(a.contentFingerprint(sha)).hasSize(64).isNotEqualTo(b.contentFingerprint(sha));
    assertThat(a.contentFingerprint("")).isEmpty();
  }

  @Test
  void sealedNamesOpenOnlyUnderTheSameKeyAndSayNothingOtherwise() {
    SourceNames a = new SourceNames(SCANNER, K1);
    String sealed = a.seal("hr/536-22-8142.txt");
    assertThat(sealed).doesNotContain("536-22-8142");
    assertThat(new SourceNames(SCANNER, K1).open(sealed)).isEqualTo("hr/536-22-8142.txt");
    assertThatThrownBy(() -> new SourceNames(SCANNER, K2).open(sealed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sealed name cannot be opened (fingerprint key changed?)");
    assertThat(a.seal("")).isEmpty();
    assertThat(a.open("")).isEmpty();
  }

  @Test
  void escapedNamesAreScannedDecoded() {
    SourceNames n = new SourceNames(SCANNER, K1);
    assertThat(SourceNames.decode("file:/a/ssn%20536-22-8142.txt"))
        .isEqualTo("file:/a/ssn 536-22-8142.txt");
    assertThat(SourceNames.decode("100%-bad%zz%4")).isEqualTo("100%-bad%zz%4");
    assertThat(n.scan("file:/a/ssn%20536-22-8142.txt"))
        .extracting(f -> f.identifierId())
        .containsExactly("USA_SOCIAL_SECURITY_NUMBER");
    assertThat(n.display("file:/a/ssn%20%35%336-22-8142.txt")).doesNotContain("536-22-8142");
  }
}
