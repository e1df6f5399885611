package dev.sluice.classifiers;

import java.util.Objects;

/**
 * One occurrence of sensitive data in a scanned text.
 *
 * <p>Offsets are Java {@code String} indices (UTF-16 code units) into the scanned text, {@code
 * start} inclusive and {@code end} exclusive. The raw value is never kept: {@code preview} is
 * masked and {@code fingerprint} is a keyed HMAC, so two findings of the same value under the same
 * key share a fingerprint without revealing it.
 *
 * @param identifierId Macie-style identifier ID, e.g. {@code CREDIT_CARD_NUMBER}
 * @param category category of the identifier
 * @param severity severity of this single occurrence
 * @param start start offset, inclusive
 * @param end end offset, exclusive
 * @param keywordSupported whether a keyword of the identifier was found near the value
 * @param preview masked preview, safe to log
 * @param fingerprint hex HMAC-SHA256 of the normalised value under the scanner's key
 */
public record Finding(
    String identifierId,
    Category category,
    Severity severity,
    int start,
    int end,
    boolean keywordSupported,
    String preview,
    String fingerprint) {

  public Finding {
    Objects.requireNonNull(identifierId, "identifierId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("invalid range [" + start + ", " + end + ")");
    }
  }

  /** Length of the matched value in UTF-16 code units. */
  public int length() {
    return end - start;
  }
}
