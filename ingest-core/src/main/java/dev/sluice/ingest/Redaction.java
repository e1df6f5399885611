package dev.sluice.ingest;

import dev.sluice.classifiers.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Applies a verdict's redactions to a unit's text. */
final class Redaction {
  private Redaction() {}

  /**
   * Replaces every finding whose identifier has an operator with {@code [ID]}; overlapping findings
   * are merged into one span. Findings of identifiers without an operator are left: the policy
   * decided they do not need redaction.
   */
  static String apply(
      String text,
      List<Finding> findings,
      Map<String, String> operators,
      Map<String, Integer> counts) {
    List<Finding> todo = new ArrayList<>();
    for (Finding f : findings) {
      if (operators.containsKey(f.identifierId())) {
        todo.add(f);
      }
    }
    todo.sort(Comparator.comparingInt(Finding::start).thenComparing(f -> -f.end()));
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    for (Finding f : todo) {
      if (f.end() <= pos) {
        continue; // inside a span already redacted
      }
      int start = Math.max(pos, f.start());
      out.append(text, pos, start);
      out.append('[').append(f.identifierId()).append(']');
      pos = f.end();
      counts.merge(f.identifierId(), 1, Integer::sum);
    }
    out.append(text, pos, text.length());
    return out.toString();
  }
}
