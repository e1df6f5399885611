package dev.sluice.ingest.decide;

import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.Severity;
import java.util.Objects;
import java.util.Set;

/**
 * One policy rule. A rule matches evidence whose identifier is listed (or whose category is listed,
 * when no identifiers are listed), with at least {@code minSeverity} and {@code minCount}
 * occurrences, found by one of {@code sources}.
 */
public record Rule(
    String id,
    Set<String> identifiers,
    Set<Category> categories,
    Severity minSeverity,
    int minCount,
    Set<SignalSource> sources,
    Decision action,
    String operator) {
  public Rule {
    Objects.requireNonNull(id, "id");
    identifiers = Set.copyOf(identifiers);
    categories = Set.copyOf(categories);
    Objects.requireNonNull(minSeverity, "minSeverity");
    sources = Set.copyOf(sources);
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(operator, "operator");
  }

  boolean matches(Evidence e) {
    boolean idOk =
        identifiers.isEmpty() && categories.isEmpty()
            || identifiers.contains(e.identifierId())
            || identifiers.stream().anyMatch(p -> wildcardMatches(p, e.identifierId()))
            || categories.contains(e.category());
    return idOk
        && e.severity().compareTo(minSeverity) >= 0
        && e.count() >= minCount
        && e.sources().stream().anyMatch(sources::contains);
  }

  /** {@code PREFIX*} or {@code *SUFFIX}; a literal ID is compared by {@code contains} above. */
  static boolean wildcardMatches(String pattern, String id) {
    if (pattern.length() > 1 && pattern.endsWith("*")) {
      return id.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    if (pattern.length() > 1 && pattern.startsWith("*")) {
      return id.endsWith(pattern.substring(1));
    }
    return false;
  }
}
