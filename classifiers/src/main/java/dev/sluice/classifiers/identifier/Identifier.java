package dev.sluice.classifiers.identifier;

import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.Severity;
import java.util.List;
import java.util.Objects;

/**
 * Summary of one managed identifier, kept for callers of the first engine's API ({@link
 * ManagedIdentifiers#defaults()}). New code should use {@link dev.sluice.classifiers.Catalog},
 * whose entries carry the full rule (keyword rule, severity scale, Macie flag, description).
 *
 * @param id identifier ID (Macie spelling for managed identifiers)
 * @param category category
 * @param severity severity of a single occurrence
 * @param keywords lower-case keywords
 * @param requiresKeyword whether a keyword must be near a value
 * @param keywordDistance keyword proximity in chars
 */
public record Identifier(
    String id,
    Category category,
    Severity severity,
    List<String> keywords,
    boolean requiresKeyword,
    int keywordDistance) {
  public Identifier {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(severity, "severity");
    keywords = List.copyOf(keywords);
  }
}
