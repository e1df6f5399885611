package dev.sluice.classifiers;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One identifier of the catalogue.
 *
 * @param id identifier ID; for Macie's managed identifiers exactly Macie's spelling
 * @param category Macie category
 * @param macieManaged whether Amazon Macie has a managed data identifier with this ID
 * @param keywordRule whether keywords are needed
 * @param keywords lower-case keywords matched case-insensitively within {@link #PROXIMITY} chars; a
 *     space in a keyword also matches no space, {@code _} or {@code -}
 * @param severityScale Macie's severity by occurrence count
 * @param description one line, for reports
 */
public record CatalogEntry(
    String id,
    Category category,
    boolean macieManaged,
    KeywordRule keywordRule,
    List<String> keywords,
    SeverityScale severityScale,
    String description) {

  /** Macie's keyword proximity for managed identifiers, in characters (inclusive). */
  public static final int PROXIMITY = 30;

  private static final Pattern ID = Pattern.compile("[A-Z0-9_()]{2,64}");

  public CatalogEntry {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id must match " + ID + ": " + id);
    }
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(keywordRule, "keywordRule");
    Objects.requireNonNull(severityScale, "severityScale");
    Objects.requireNonNull(description, "description");
    keywords = List.copyOf(keywords);
    if (keywordRule == KeywordRule.REQUIRED && keywords.isEmpty()) {
      throw new IllegalArgumentException(id + ": REQUIRED keyword rule needs keywords");
    }
  }

  /** Severity of a single occurrence. */
  public Severity severity() {
    return severityScale.forCount(1);
  }
}
