package dev.sluice.classifiers.identifier;

import dev.sluice.classifiers.Masking;
import dev.sluice.classifiers.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A custom data identifier in the shape of Macie's {@code CreateCustomDataIdentifier} request,
 * validated against Macie's limits; the regex is compiled once ({@link MacieRegex}). Immutable and
 * thread-safe.
 *
 * <p>Semantics (Macie): keywords are case-insensitive and one must end before the match, with at
 * most {@code maximumMatchDistance} chars from the end of the keyword to the end of the match;
 * ignore words are case-sensitive and drop a match that contains one.
 *
 * @param name unique name, 1-128 chars; becomes the finding's identifier ID
 * @param regex Macie PCRE subset, 1-512 chars
 * @param keywords up to 50, each 3-90 chars
 * @param ignoreWords up to 10, each 4-90 chars
 * @param maximumMatchDistance 1-300, default 50
 * @param severityLevels up to 3, thresholds rising from LOW to HIGH; empty means MEDIUM from 1
 * @param description up to 512 chars, may be empty
 */
public record CustomDataIdentifier(
    String name,
    String regex,
    List<String> keywords,
    List<String> ignoreWords,
    int maximumMatchDistance,
    List<SeverityLevel> severityLevels,
    String description) {

  /** Macie's default keyword distance. */
  public static final int DEFAULT_DISTANCE = 50;

  public CustomDataIdentifier {
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    ignoreWords = ignoreWords == null ? List.of() : List.copyOf(ignoreWords);
    severityLevels = severityLevels == null ? List.of() : List.copyOf(severityLevels);
    description = description == null ? "" : description;
    if (maximumMatchDistance == 0) {
      maximumMatchDistance = DEFAULT_DISTANCE;
    }
    List<String> errors =
        problems(
            "",
            name,
            regex,
            keywords,
            ignoreWords,
            maximumMatchDistance,
            severityLevels,
            description);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
  }

  /** A definition with Macie's defaults: no keywords or ignore words, distance 50, MEDIUM. */
  public static CustomDataIdentifier of(String name, String regex) {
    return new CustomDataIdentifier(
        name, regex, List.of(), List.of(), DEFAULT_DISTANCE, List.of(), "");
  }

  /** The compiled regex. */
  public MacieRegex compiled() {
    return MacieRegex.compile(regex, "regex");
  }

  /**
   * Document-level severity for {@code count} occurrences, or empty when the count is below the
   * lowest threshold (Macie then reports no finding).
   */
  public Optional<Severity> severityFor(long count) {
    if (severityLevels.isEmpty()) {
      return count >= 1 ? Optional.of(Severity.MEDIUM) : Optional.empty();
    }
    Severity best = null;
    for (SeverityLevel l : severityLevels) {
      if (count >= l.occurrencesThreshold()) {
        best = l.severity();
      }
    }
    return Optional.ofNullable(best);
  }

  /** Severity of a single finding: the lowest configured level (MEDIUM by default). */
  public Severity occurrenceSeverity() {
    return severityLevels.isEmpty() ? Severity.MEDIUM : severityLevels.get(0).severity();
  }

  /** The result of {@link #test(String)}: Macie's {@code matchCount} plus masked matches. */
  public record TestResult(int matchCount, List<String> maskedMatches) {
    public TestResult {
      maskedMatches = List.copyOf(maskedMatches);
    }
  }

  /**
   * Like Macie's TestCustomDataIdentifier: applies this identifier (regex, keywords, ignore words,
   * distance) to {@code sampleText} (at most 1,000 chars) and returns the count and masked matches.
   *
   * @throws IllegalArgumentException if the sample is longer than 1,000 chars
   */
  public TestResult test(String sampleText) {
    if (sampleText == null || sampleText.length() > 1000) {
      throw new IllegalArgumentException("sampleText: must be 1-1000 characters");
    }
    char[] a = sampleText.toCharArray();
    List<int[]> spans = new ArrayList<>();
    CustomMatcher.find(
        this, compiled(), a, 0, a.length, 0, a.length, (s, e) -> spans.add(new int[] {s, e}));
    List<String> masked = new ArrayList<>();
    for (int[] sp : spans) {
      masked.add(Masking.preview(sampleText.substring(sp[0], sp[1])));
    }
    return new TestResult(spans.size(), masked);
  }

  static List<String> problems(
      String prefix,
      String name,
      String regex,
      List<String> keywords,
      List<String> ignoreWords,
      int distance,
      List<SeverityLevel> levels,
      String description) {
    List<String> errors = new ArrayList<>();
    if (name == null || name.isBlank() || name.length() > 128) {
      errors.add(prefix + "name: must be 1-128 characters");
    }
    if (regex == null || regex.isEmpty() || regex.length() > MacieRegex.MAX_LENGTH) {
      errors.add(prefix + "regex: must be 1-512 characters");
    } else {
      try {
        MacieRegex.compile(regex, prefix + "regex");
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    }
    if (keywords.size() > 50) {
      errors.add(prefix + "keywords: at most 50 keywords");
    }
    for (int i = 0; i < keywords.size(); i++) {
      String k = keywords.get(i);
      int len = k == null ? 0 : k.getBytes(StandardCharsets.UTF_8).length;
      if (len < 3 || len > 90) {
        errors.add(prefix + "keywords[" + i + "]: must be 3-90 characters");
      }
    }
    if (ignoreWords.size() > 10) {
      errors.add(prefix + "ignoreWords: at most 10 ignore words");
    }
    for (int i = 0; i < ignoreWords.size(); i++) {
      String k = ignoreWords.get(i);
      int len = k == null ? 0 : k.getBytes(StandardCharsets.UTF_8).length;
      if (len < 4 || len > 90) {
        errors.add(prefix + "ignoreWords[" + i + "]: must be 4-90 characters");
      }
    }
    if (distance < 1 || distance > 300) {
      errors.add(prefix + "maximumMatchDistance: must be 1-300");
    }
    if (levels.size() > 3) {
      errors.add(prefix + "severityLevels: at most 3 levels");
    }
    for (int i = 1; i < levels.size(); i++) {
      SeverityLevel prev = levels.get(i - 1);
      SeverityLevel cur = levels.get(i);
      if (cur.occurrencesThreshold() <= prev.occurrencesThreshold()
          || cur.severity().compareTo(prev.severity()) <= 0) {
        errors.add(
            prefix
                + "severityLevels["
                + i
                + "]: thresholds and severities must rise from LOW to HIGH");
      }
    }
    if (description != null && description.length() > 512) {
      errors.add(prefix + "description: must be at most 512 characters");
    }
    return errors;
  }
}
