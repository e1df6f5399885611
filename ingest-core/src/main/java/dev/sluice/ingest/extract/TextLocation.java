package dev.sluice.ingest.extract;

import java.util.Objects;

/**
 * Where a stretch of a unit's text came from: a page of a PDF, a sheet of a workbook, a slide of a
 * presentation. The stretch starts at {@code offset} and runs to the next location's offset.
 *
 * @param kind page, sheet or slide
 * @param index 1-based position in the document
 * @param label the sheet name for sheets, empty otherwise
 * @param offset char offset into {@link TextUnit#text()} where the stretch starts
 */
public record TextLocation(Kind kind, int index, String label, int offset) {

  /** What a location counts. */
  public enum Kind {
    PAGE,
    SHEET,
    SLIDE
  }

  public TextLocation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    if (index < 1) {
      throw new IllegalArgumentException("index must be >= 1: " + index);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0: " + offset);
    }
  }

  /** E.g. {@code page 3} or {@code sheet 2 (Payroll)}. */
  public String describe() {
    String name = kind.name().toLowerCase(java.util.Locale.ROOT) + " " + index;
    return label.isEmpty() ? name : name + " (" + label + ")";
  }
}
