package dev.sluice.sampledata.corpus;

import java.util.List;
import java.util.Objects;

/**
 * One labelled corpus document: its relative path (the S3 key), format, exact bytes, the charset of
 * its decoded text ({@code null} for binary formats), why it cannot be scanned ({@code null} if it
 * can), its scannable units with planted values, descriptions of planted hard negatives, a
 * one-sentence statement of what it proves, and an optional size limit the test must configure
 * ({@code 0} = none).
 */
public record CorpusDocument(
    String path,
    String format,
    byte[] bytes,
    String charset,
    String unscannable,
    List<Unit> units,
    List<String> negatives,
    String proves,
    long sizeLimitBytes) {

  /** Validates and copies. */
  public CorpusDocument {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(proves, "proves");
    units = List.copyOf(units);
    negatives = List.copyOf(negatives);
  }

  /** All planted values over all units. */
  public List<Planted> planted() {
    return units.stream().flatMap(u -> u.planted().stream()).toList();
  }

  /** The decision the default policy must reach for this document. */
  public Decision expectedDecision() {
    return Decision.expected(unscannable, planted());
  }
}
