package dev.sluice.ingest.extract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Result of extracting one source object: the text units found and, if extraction failed for the
 * whole object or part of it, the reason. A reason makes the document unscannable as a whole.
 *
 * @param units text units, the container first
 * @param unscannable present when the document (or a part of it) could not be scanned
 * @param detail a short, payload-free description of the failure (location, limit), or empty
 * @param extractor name and version of the extractor
 * @param verbatim whether the source's bytes are exactly what was scanned: one content unit,
 *     decoded as it is by a plain-text or markup-source parser without loss or truncation, so the
 *     original may be written as it came
 * @param unscannableContent content kinds inside the document that could not be scanned
 * @param parts the document's scanned parts other than content (metadata, headers, entry and
 *     attachment names, comments; see {@link TextUnit#part()}), never written to a dataset
 */
public record Extraction(
    List<TextUnit> units,
    Optional<UnscannableReason> unscannable,
    String detail,
    String extractor,
    boolean verbatim,
    Set<UnscannableContent> unscannableContent,
    List<TextUnit> parts) {
  public Extraction {
    units = List.copyOf(units);
    Objects.requireNonNull(unscannable, "unscannable");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(extractor, "extractor");
    unscannableContent = Set.copyOf(unscannableContent);
    parts = List.copyOf(parts);
  }

  /** An extraction that is not verbatim and found no unscannable content. */
  public Extraction(
      List<TextUnit> units,
      Optional<UnscannableReason> unscannable,
      String detail,
      String extractor) {
    this(units, unscannable, detail, extractor, false, Set.of(), List.of());
  }

  /** A successful extraction. */
  public static Extraction of(List<TextUnit> units, String extractor) {
    return new Extraction(units, Optional.empty(), "", extractor);
  }

  /** A failed extraction; units extracted before the failure are kept for reporting. */
  public static Extraction failed(
      List<TextUnit> units, UnscannableReason reason, String detail, String extractor) {
    return new Extraction(units, Optional.of(reason), detail, extractor);
  }

  /** Whether any unit or part was truncated at the text cap. */
  public boolean truncated() {
    return units.stream().anyMatch(TextUnit::truncated)
        || parts.stream().anyMatch(TextUnit::truncated);
  }

  /** Content units, then parts: everything that is scanned. */
  public List<TextUnit> scanned() {
    List<TextUnit> all = new java.util.ArrayList<>(units);
    all.addAll(parts);
    return all;
  }
}
