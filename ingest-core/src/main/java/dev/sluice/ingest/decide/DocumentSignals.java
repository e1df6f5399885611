package dev.sluice.ingest.decide;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the policy may look at for one document.
 *
 * @param evidence findings aggregated per identifier, from Sluice and Macie
 * @param unscannable reason code when the document (or a part) could not be scanned
 * @param truncated whether extracted text was cut at the cap
 * @param macieUnavailable why a required Macie result is missing, or empty
 * @param unscannableContent kinds of content inside the document that could not be scanned ({@code
 *     IMAGE}, {@code EMBEDDED_OBJECT}, {@code MACRO})
 */
public record DocumentSignals(
    List<Evidence> evidence,
    Optional<String> unscannable,
    boolean truncated,
    Optional<String> macieUnavailable,
    Set<String> unscannableContent) {
  public DocumentSignals {
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(unscannable, "unscannable");
    Objects.requireNonNull(macieUnavailable, "macieUnavailable");
    unscannableContent = new TreeSet<>(unscannableContent);
  }

  /** Signals of a document without unscannable content. */
  public DocumentSignals(
      List<Evidence> evidence,
      Optional<String> unscannable,
      boolean truncated,
      Optional<String> macieUnavailable) {
    this(evidence, unscannable, truncated, macieUnavailable, Set.of());
  }

  /** Signals of a document with nothing to report. */
  public static DocumentSignals clean() {
    return new DocumentSignals(List.of(), Optional.empty(), false, Optional.empty());
  }
}
