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
 * @param part which part of the document at {@code path} the text comes from: empty for its content
 *     (body, cells, slides), else a payload-free label such as {@code metadata:dc:creator}, {@code
 *     header:From}, {@code attachment:name}, {@code entry:name}, {@code zip:comment} or {@code
 *     ooxml:comments}. Parts are scanned and decided on like content, but never written to a
 *     dataset.
 */
public record TextUnit(
    String path,
    String mediaType,
    String text,
    boolean truncated,
    List<TextLocation> locations,
    String part) {
  public TextUnit {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(part, "part");
    locations = List.copyOf(locations);
    int previous = 0;
    for (TextLocation l : locations) {
      if (l.offset() < previous || l.offset() > text.length()) {
        throw new IllegalArgumentException("location offsets must ascend within text: " + l);
      }
      previous = l.offset();
    }
  }

  /** A content unit. */
  public TextUnit(
      String path, String mediaType, String text, boolean truncated, List<TextLocation> locations) {
    this(path, mediaType, text, truncated, locations, "");
  }

  /** A content unit without locations. */
  public TextUnit(String path, String mediaType, String text, boolean truncated) {
    this(path, mediaType, text, truncated, List.of());
  }

  /**
   * A part of the document at {@code path} other than its content (metadata, a header, a name, a
   * comment), as plain text.
   */
  public static TextUnit part(String path, String part, String text, boolean truncated) {
    if (part.isEmpty()) {
      throw new IllegalArgumentException("part label must not be empty");
    }
    return new TextUnit(path, "text/plain", text, truncated, List.of(), part);
  }

  /** Whether this is the document's content (written when approved), not one of its parts. */
  public boolean isContent() {
    return part.isEmpty();
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
