package dev.sluice.ingest.extract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Result of extracting one source object: the text units found and, if extraction failed for the
 * whole object or part of it, the reason. A reason makes the document unscannable as a whole.
 *
 * @param units text units, the container first
 * @param unscannable present when the document (or a part of it) could not be scanned
 * @param detail a short, payload-free description of the failure (location, limit), or empty
 * @param extractor name and version of the extractor
 */
public record Extraction(
    List<TextUnit> units,
    Optional<UnscannableReason> unscannable,
    String detail,
    String extractor) {
  public Extraction {
    units = List.copyOf(units);
    Objects.requireNonNull(unscannable, "unscannable");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(extractor, "extractor");
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

  /** Whether any unit was truncated at the text cap. */
  public boolean truncated() {
    return units.stream().anyMatch(TextUnit::truncated);
  }
}
