package dev.sluice.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random input against two reference models: planted values must be found at their exact
 * offsets with nothing else reported, and a streaming scan in small windows must report exactly
 * what a one-shot scan reports.
 */
class WindowingFuzzTest {
  private static final String[] WORDS = {
    "the",
    "report",
    "was",
    "filed",
    "and",
    "reviewed",
    "by",
    "our",
    "team",
    "on",
    "time",
    "with",
    "several",
    "notes",
    "about",
    "shipping",
    "orders",
    "in",
    "batch",
    "12",
    "7",
    "2024",
    "items",
    "total",
    "of",
    "about",
    "pending",
    "approved",
    "page",
    "3",
    "list",
    "values",
    "ok",
    "done"
  };

  record Planted(String id, int start, int end) {}

  static String plant(Synth s, StringBuilder sb, List<Planted> planted) {
    int kind = s.random().nextInt(10);
    String id;
    String prefix;
    String value;
    switch (kind) {
      case 0 -> {
        id = "CREDIT_CARD_NUMBER";
        prefix = "card ";
        value = Synth.group(s.visa(), 4, 4, 4, 4);
      }
      case 1 -> {
        id = "EMAIL_ADDRESS";
        prefix = "write to ";
        value = "user" + s.digits(4) + "@example.com";
      }
      case 2 -> {
        id = "USA_SOCIAL_SECURITY_NUMBER";
        prefix = "ssn ";
        value = s.ssn();
      }
      case 3 -> {
        id = "GERMANY_BANK_ACCOUNT_NUMBER";
        prefix = "iban ";
        value = s.iban("DE");
      }
      case 4 -> {
        id = "JSON_WEB_TOKEN";
        prefix = "bearer ";
        value = s.jwt();
      }
      case 5 -> {
        id = "PKCS";
        prefix = "key\n";
        value = s.pem("RSA PRIVATE KEY");
      }
      case 6 -> {
        id = "UK_PHONE_NUMBER";
        prefix = "ring ";
        value = "+44 20 7946 " + s.digits(4);
      }
      case 7 -> {
        id = "GITHUB_TOKEN";
        prefix = "token ";
        value = "ghp_" + s.alnum(36, Synth.ALNUM);
      }
      case 8 -> {
        id = "NAME";
        prefix = "Dear ";
        value = "Jennifer Lawson";
      }
      default -> {
        id = "ADDRESS";
        prefix = "ship to ";
        value =
            s.digits(1 + s.random().nextInt(3)).replaceFirst("^0", "1")
                + " Maple Street, Springfield, IL 6270"
                + s.digits(1);
      }
    }
    sb.append(prefix);
    planted.add(new Planted(id, sb.length(), sb.length() + value.length()));
    sb.append(value);
    return id;
  }

  static String filler(Random r, StringBuilder sb, int words) {
    for (int i = 0; i < words; i++) {
      sb.append(WORDS[r.nextInt(WORDS.length)]);
      sb.append(r.nextInt(12) == 0 ? ".\n" : " ");
    }
    return sb.toString();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void plantedValuesAreFoundAtExactOffsetsAndNothingElse(long seed) {
    Synth s = new Synth(seed);
    StringBuilder sb = new StringBuilder();
    List<Planted> planted = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      filler(s.random(), sb, 5 + s.random().nextInt(60));
      plant(s, sb, planted);
      sb.append(s.random().nextBoolean() ? " " : ".\n");
    }
    String text = sb.toString();
    List<Finding> found = Scanner.builder().build().scan(text);
    List<Planted> got =
        found.stream().map(f -> new Planted(f.identifierId(), f.start(), f.end())).toList();
    assertThat(got).containsExactlyElementsOf(planted);
  }

  @ParameterizedTest
  @ValueSource(ints = {1024, 25_000})
  void windowedScanEqualsOneShotScan(int window) throws IOException {
    for (long seed = 1; seed <= 2; seed++) {
      Synth s = new Synth(seed * 31 + window);
      StringBuilder sb = new StringBuilder();
      List<Planted> planted = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        filler(s.random(), sb, s.random().nextInt(40));
        plant(s, sb, planted);
        sb.append(' ');
        noise(s.random(), sb, s.random().nextInt(80));
      }
      String text = sb.toString();
      List<Finding> oneShot = Scanner.builder().window(1 << 22).build().scan(text);
      List<Finding> streamed = new ArrayList<>();
      Scanner.builder().window(window).build().scan(new StringReader(text), streamed::add);
      assertThat(text.length()).isGreaterThan(2 * (window + ScanEngine.RIGHT));
      assertThat(streamed).containsExactlyElementsOf(oneShot);
    }
  }

  @Test
  void streamingHandlesReadersThatReturnFewCharsAtATime() throws IOException {
    Synth s = new Synth(77);
    StringBuilder sb = new StringBuilder();
    List<Planted> planted = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      filler(s.random(), sb, s.random().nextInt(30));
      plant(s, sb, planted);
      sb.append(' ');
    }
    String text = sb.toString();
    java.io.Reader trickle =
        new java.io.FilterReader(new StringReader(text)) {
          @Override
          public int read(char[] cbuf, int off, int len) throws IOException {
            return super.read(cbuf, off, Math.min(len, 1 + (off % 7)));
          }
        };
    List<Finding> streamed = new ArrayList<>();
    Scanner.builder().window(2_000).build().scan(trickle, streamed::add);
    assertThat(streamed.stream().map(f -> new Planted(f.identifierId(), f.start(), f.end())))
        .containsExactlyElementsOf(planted);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void randomGarbageNeverThrowsAndOffsetsStayInRange(long seed) throws IOException {
    Random r = new Random(seed);
    String alphabet =
        "0123456789 -./@:+=_()#;%^?&\"'\n\tabcdeXYZBEGINKEYeyJAKIAghpxoxbMcÉéßЖ中\u00a0\ud83d\ude00";
    StringBuilder sb = new StringBuilder();
    String[] seeds = {
      "-----BEGIN RSA PRIVATE KEY-----",
      "PuTTY-User-Key-File-2: ",
      "Authorization: Basic ",
      "Cookie: ",
      "https://u:p@",
      "Dear ",
      "card ",
      "ssn ",
      "IBAN GB",
      "eyJhbGciOi",
      "+44 ",
      "123 Main Street, "
    };
    while (sb.length() < 150_000) {
      if (r.nextInt(20) == 0) {
        sb.append(seeds[r.nextInt(seeds.length)]);
      }
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    String text = sb.toString();
    List<Finding> oneShot = Scanner.builder().build().scan(text);
    for (Finding f : oneShot) {
      assertThat(f.start()).isBetween(0, text.length() - 1);
      assertThat(f.end()).isBetween(f.start() + 1, text.length());
    }
    List<Finding> streamed = new ArrayList<>();
    Scanner.builder().window(4_000).build().scan(new StringReader(text), streamed::add);
    assertThat(streamed).containsExactlyElementsOf(oneShot);
  }

  /** Characters that form near-matches: digits, separators, base64, '@'. */
  static void noise(Random r, StringBuilder sb, int n) {
    String alphabet = "0123456789 -./@:+=_abcXYZ\n";
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
  }

  @Test
  void findingsNeverCarryTheRawValue() {
    Synth s = new Synth(99);
    String card = s.visa();
    String text = "card " + card + " mail jane@example.org ssn " + s.ssn();
    for (Finding f : Scanner.builder().build().scan(text)) {
      String raw = text.substring(f.start(), f.end());
      assertThat(f.toString()).doesNotContain(raw);
      assertThat(f.preview()).isNotEqualTo(raw);
      assertThat(f.fingerprint()).doesNotContain(raw);
    }
  }
}
