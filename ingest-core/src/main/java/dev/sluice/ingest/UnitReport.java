package dev.sluice.ingest;

import dev.sluice.classifiers.Finding;
import java.util.List;
import java.util.Objects;

/**
 * Findings in one text unit (a document or an embedded document). Offsets are Java String indices
 * into the unit's extracted text. Findings hold masked previews only.
 *
 * @param path embedded path, empty for the document itself
 * @param mediaType detected media type
 * @param chars length of the extracted text
 * @param truncated whether the text was cut at the cap
 * @param findings findings in the unit
 * @param part empty for the document's content, else which part was scanned, e.g. {@code
 *     metadata:dc:creator}, {@code header:From}, {@code zip:comment} (see {@code TextUnit#part})
 */
public record UnitReport(
    String path,
    String mediaType,
    int chars,
    boolean truncated,
    List<Finding> findings,
    String part) {
  public UnitReport {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(part, "part");
    findings = List.copyOf(findings);
  }

  /** Findings in a document's content. */
  public UnitReport(
      String path, String mediaType, int chars, boolean truncated, List<Finding> findings) {
    this(path, mediaType, chars, truncated, findings, "");
  }
}
