package dev.sluice.classifiers.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.Finding;
import dev.sluice.classifiers.Scanner;
import dev.sluice.classifiers.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomIdentifiersTest {

  private static final String YAML =
      """
      - name: EMPLOYEE_ID
        regex: 'EMP-\\d{6}'
        description: staff numbers
      - name: PROJECT_CODE
        regex: '(?i)prj[0-9]{4}'
        keywords: [project code, codename]
        ignoreWords: [PRJ0000]
        maximumMatchDistance: 20
        severityLevels:
          - {occurrencesThreshold: 1, severity: LOW}
          - {occurrencesThreshold: 10, severity: HIGH}
      """;

  @Test
  void loadsYamlAndJsonInMacieShape() {
    List<CustomDataIdentifier> y = CustomIdentifiers.parse(YAML);
    assertThat(y)
        .extracting(CustomDataIdentifier::name)
        .containsExactly("EMPLOYEE_ID", "PROJECT_CODE");
    assertThat(y.get(0).maximumMatchDistance()).isEqualTo(50);
    List<CustomDataIdentifier> j =
        CustomIdentifiers.parse(
            "{\"customIdentifiers\":[{\"name\":\"X\",\"regex\":\"ab[0-9]+\",\"keywords\":[\"code\"]}]}");
    assertThat(j.get(0).keywords()).containsExactly("code");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[{name: A, regex: 'a(b)c'}]|customIdentifiers[0].regex: capturing groups are not supported; use (?:...)",
        "[{name: A, regex: '(a)\\1'}]|customIdentifiers[0].regex: capturing groups are not supported; use (?:...)",
        "[{name: A, regex: 'a(?:b)\\1'}]|customIdentifiers[0].regex: backreferences are not supported",
        "[{name: A, regex: 'a(?=b)'}]|customIdentifiers[0].regex: lookaround is not supported",
        "[{name: A, regex: 'a(?<!b)c'}]|customIdentifiers[0].regex: lookaround is not supported",
        "[{name: A, regex: '(?m)abc'}]|customIdentifiers[0].regex: flags other than a leading (?i) are not supported",
        "[{name: A, regex: 'a(?R)'}]|customIdentifiers[0].regex: recursion and conditionals are not supported",
        "[{name: A, regex: 'abc', keywords: [ab]}]|customIdentifiers[0].keywords[0]: must be 3-90 characters",
        "[{name: A, regex: 'abc'}, {name: B, regex: 'abc', keywords: [abc, xy]}]|customIdentifiers[1].keywords[1]: must be 3-90 characters",
        "[{name: A, regex: 'abc', ignoreWords: [abc]}]|customIdentifiers[0].ignoreWords[0]: must be 4-90 characters",
        "[{name: A, regex: 'abc', maximumMatchDistance: 301}]|customIdentifiers[0].maximumMatchDistance: must be 1-300",
        "[{name: A, regex: 'abc', severityLevels: [{occurrencesThreshold: 5, severity: HIGH}, {occurrencesThreshold: 1, severity: LOW}]}]|customIdentifiers[0].severityLevels[1]: thresholds and severities must rise from LOW to HIGH",
        "[{regex: 'abc'}]|customIdentifiers[0].name: is required",
        "[{name: A, regex: 'abc', colour: red}]|customIdentifiers[0].colour: unknown field",
        "[{name: A, regex: 'x{1000}'}]|customIdentifiers[0].regex: repetition {1000} is too large (max 100)",
      })
  void rejectsWhatMacieRejectsNamingTheField(String yaml, String message) {
    assertThatThrownBy(() -> CustomIdentifiers.parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void regexOfExactly512CharsIsAcceptedAnd513Rejected() {
    String ok = "a".repeat(512);
    assertThat(CustomDataIdentifier.of("A", ok).regex()).hasSize(512);
    assertThatThrownBy(() -> CustomDataIdentifier.of("A", ok + "a"))
        .hasMessageContaining("regex: must be 1-512 characters");
  }

  @Test
  void scannerReportsCustomFindingsWithNameCategoryAndSeverity() {
    Scanner s = Scanner.builder().customIdentifiers(CustomIdentifiers.parse(YAML)).build();
    String text = "staff EMP-123456 joined; project code: PRJ1234 and later prj9999; PRJ0000.";
    List<Finding> f =
        s.scan(text).stream().filter(x -> x.category() == Category.CUSTOM_IDENTIFIER).toList();
    assertThat(f).extracting(Finding::identifierId).containsExactly("EMPLOYEE_ID", "PROJECT_CODE");
    assertThat(text.substring(f.get(0).start(), f.get(0).end())).isEqualTo("EMP-123456");
    assertThat(f.get(0).severity()).isEqualTo(Severity.MEDIUM);
    assertThat(text.substring(f.get(1).start(), f.get(1).end())).isEqualTo("PRJ1234");
    assertThat(f.get(1).severity()).isEqualTo(Severity.LOW);
    assertThat(f.get(1).keywordSupported()).isTrue();
  }

  @Test
  void keywordMustComeBeforeWithinDistanceToTheEndOfTheMatch() {
    CustomDataIdentifier cdi =
        new CustomDataIdentifier("C", "[0-9]{6}", List.of("ref"), List.of(), 10, List.of(), "");
    // keyword end -> match end: " 123456" = 7 chars (inside); "   123456" = 9; "      123456" = 12
    assertThat(cdi.test("ref 123456").matchCount()).isEqualTo(1);
    assertThat(cdi.test("ref    123456").matchCount()).isEqualTo(1);
    assertThat(cdi.test("ref      123456").matchCount()).isEqualTo(0);
    assertThat(cdi.test("123456 ref").matchCount()).isEqualTo(0);
    assertThat(cdi.test("REF 123456").matchCount()).isEqualTo(1);
  }

  @Test
  void ignoreWordsAreCaseSensitiveSubstringsOfTheMatch() {
    CustomDataIdentifier cdi =
        new CustomDataIdentifier(
            "C", "(?i)id-[a-z0-9]{6}", List.of(), List.of("TEST"), 50, List.of(), "");
    CustomDataIdentifier.TestResult r = cdi.test("id-TEST99 id-test99 id-abc123");
    assertThat(r.matchCount()).isEqualTo(2);
    assertThat(r.maskedMatches()).allSatisfy(m -> assertThat(m).doesNotContain("abc123"));
  }

  @Test
  void testFacilityRejectsSamplesOver1000Chars() {
    assertThatThrownBy(() -> CustomDataIdentifier.of("A", "abc").test("x".repeat(1001)))
        .hasMessage("sampleText: must be 1-1000 characters");
  }

  @Test
  void severityForCountFollowsLevels() {
    CustomDataIdentifier cdi = CustomIdentifiers.parse(YAML).get(1);
    assertThat(cdi.severityFor(1)).contains(Severity.LOW);
    assertThat(cdi.severityFor(10)).contains(Severity.HIGH);
    CustomDataIdentifier two =
        new CustomDataIdentifier(
            "T",
            "abc",
            List.of(),
            List.of(),
            50,
            List.of(new SeverityLevel(5, Severity.MEDIUM)),
            "");
    assertThat(two.severityFor(4)).isEmpty();
  }

  @Test
  void adversarialRegexRunsInLinearTime() {
    // nested quantifiers would backtrack exponentially in java.util.regex
    CustomDataIdentifier cdi = CustomDataIdentifier.of("EVIL", "(?:a+)+b");
    Scanner s = Scanner.builder().customIdentifiers(List.of(cdi)).build();
    String text = "a".repeat(200_000);
    long t0 = System.nanoTime();
    assertThat(s.scan(text)).noneMatch(f -> f.identifierId().equals("EVIL"));
    assertThat(System.nanoTime() - t0).isLessThan(20_000_000_000L);
  }

  @Test
  void wordBoundariesHoldInEveryStreamingWindow() throws java.io.IOException {
    CustomDataIdentifier cdi = CustomDataIdentifier.of("EMP", "\\bEMP-\\d{6}\\b");
    StringBuilder sb = new StringBuilder();
    List<Integer> expected = new java.util.ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      sb.append("filler text ");
      if (i % 10 == 0) {
        sb.append("xEMP-123456 EMP-1234567 ");
      }
      if (i % 7 == 0) {
        expected.add(sb.length());
        sb.append("EMP-").append(100000 + i).append(' ');
      }
    }
    String text = sb.toString();
    Scanner s = Scanner.builder().customIdentifiers(List.of(cdi)).window(5_000).build();
    List<Integer> starts = new java.util.ArrayList<>();
    s.scan(
        new java.io.StringReader(text),
        f -> {
          if (f.identifierId().equals("EMP")) {
            starts.add(f.start());
          }
        });
    assertThat(starts).isEqualTo(expected);
  }

  @Test
  void allowListsSuppressWholeMatchesCaseInsensitively() {
    Scanner s =
        Scanner.builder()
            .allowList(AllowList.ofWords("staff", List.of("JANE.ROE@EXAMPLE.ORG")))
            .allowList(AllowList.ofRegex("test-domain", "[a-z.]+@test\\.example"))
            .build();
    String text = "mail jane.roe@example.org, john@example.org, ci@test.example";
    assertThat(s.scan(text))
        .extracting(f -> text.substring(f.start(), f.end()))
        .containsExactly("john@example.org");
  }

  @Test
  void allowListEntriesOver90CharsAreRejected() {
    assertThatThrownBy(() -> AllowList.ofWords("l", List.of("ok", "x".repeat(91))))
        .hasMessage("allowLists[l].entries[1]: must be 1-90 characters");
  }

  @Test
  void denyTermsMatchWholeWordsCaseInsensitivelyAcrossThousandsOfTerms() {
    List<String> terms = new java.util.ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      terms.add("customer" + i);
    }
    terms.add("Project Blue Falcon");
    terms.add("Acme");
    Scanner s =
        Scanner.builder().denyTerms(DenyTermList.of("codenames", terms, Severity.HIGH)).build();
    String text =
        "Ask ACME about project  blue\nfalcon; not Acmeco or customer49999 but CUSTOMER4999.";
    List<Finding> f = s.scan(text);
    assertThat(f).extracting(Finding::identifierId).containsOnly("DENY_TERM:codenames");
    assertThat(f)
        .extracting(x -> text.substring(x.start(), x.end()))
        .containsExactly("ACME", "project  blue\nfalcon", "CUSTOMER4999");
    assertThat(f).allSatisfy(x -> assertThat(x.category()).isEqualTo(Category.CUSTOM_IDENTIFIER));
  }

  @Test
  void catalogVersionChangesWithRules() {
    String base = Scanner.builder().build().catalogVersion();
    assertThat(Scanner.builder().build().catalogVersion()).isEqualTo(base);
    assertThat(
            Scanner.builder()
                .customIdentifiers(List.of(CustomDataIdentifier.of("A", "abc")))
                .build()
                .catalogVersion())
        .isNotEqualTo(base);
    assertThat(
            Scanner.builder().disableIdentifiers(java.util.Set.of("NAME")).build().catalogVersion())
        .isNotEqualTo(base);
  }
}
