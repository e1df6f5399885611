package dev.sluice.classifiers.identifier;

import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.Severity;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A detection rule: a candidate pattern, a validator, and optional keywords that must (or may)
 * appear within {@code keywordDistance} characters of the value.
 */
public record Identifier(
    String id,
    Category category,
    Severity severity,
    Pattern pattern,
    Predicate<CharSequence> validator,
    List<String> keywords,
    boolean requiresKeyword,
    int keywordDistance) {

  public Identifier {
    keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * Whether any keyword appears (case-insensitive) within the distance before or after the value.
   */
  public boolean hasKeywordNear(CharSequence text, int start, int end) {
    if (keywords.isEmpty()) {
      return false;
    }
    int from = Math.max(0, start - keywordDistance);
    int to = Math.min(text.length(), end + keywordDistance);
    String window = text.subSequence(from, to).toString().toLowerCase(Locale.ROOT);
    for (String k : keywords) {
      if (window.contains(k)) {
        return true;
      }
    }
    return false;
  }

  /** The value as fingerprinted: separators removed for numbers, lower-cased for text. */
  public String normalise(CharSequence value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != ' ' && c != '-') {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }
}
