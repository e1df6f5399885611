package dev.sluice.ingest.extract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Text of one document or one embedded document.
 *
 * @param path embedded path, empty for the container itself, e.g. {@code /hr/payroll.xlsx} for an
 *     entry of a zip, {@code /inner.zip/hr/payroll.xlsx} for an entry of a nested zip
 * @param mediaType detected media type (by content, the name is only a hint)
 * @param text extracted text, capped; see {@code truncated}
 * @param truncated whether text was cut at the configured cap
 * @param locations pages, sheets or slides in text order, empty when the format has none; offsets
 *     are ascending and within {@code text}
 */
public record TextUnit(
    String path, String mediaType, String text, boolean truncated, List<TextLocation> locations) {
  public TextUnit {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(text, "text");
    locations = List.copyOf(locations);
    int previous = 0;
    for (TextLocation l : locations) {
      if (l.offset() < previous || l.offset() > text.length()) {
        throw new IllegalArgumentException("location offsets must ascend within text: " + l);
      }
      previous = l.offset();
    }
  }

  /** A unit without locations. */
  public TextUnit(String path, String mediaType, String text, boolean truncated) {
    this(path, mediaType, text, truncated, List.of());
  }

  /** The page, sheet or slide holding the char at {@code offset}, if the unit has locations. */
  public Optional<TextLocation> locationAt(int offset) {
    TextLocation found = null;
    for (TextLocation l : locations) {
      if (l.offset() > offset) {
        break;
      }
      found = l;
    }
    return Optional.ofNullable(found);
  }
}
