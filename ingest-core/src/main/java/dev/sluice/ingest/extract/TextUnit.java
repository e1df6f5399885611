package dev.sluice.ingest.extract;

import java.util.Objects;

/**
 * Text of one document or one embedded document.
 *
 * @param path embedded path, empty for the container itself, e.g. {@code /hr/payroll.xlsx} for an
 *     entry of a zip
 * @param mediaType detected media type
 * @param text extracted text, capped; see {@code truncated}
 * @param truncated whether text was cut at the configured cap
 */
public record TextUnit(String path, String mediaType, String text, boolean truncated) {
  public TextUnit {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(text, "text");
  }
}
