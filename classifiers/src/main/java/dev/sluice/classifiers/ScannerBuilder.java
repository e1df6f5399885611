package dev.sluice.classifiers;

import dev.sluice.classifiers.identifier.ManagedIdentifiers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds a {@link Scanner}. Each option is validated when it is set. */
public final class ScannerBuilder {
  private byte[] fingerprintKey = "sluice-default-fingerprint-key".getBytes(StandardCharsets.UTF_8);

  ScannerBuilder() {}

  /**
   * Sets the HMAC key for finding fingerprints. Use a secret key in production so fingerprints
   * cannot be brute-forced back to values.
   */
  public ScannerBuilder fingerprintKey(byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("fingerprintKey must be at least 16 bytes");
    }
    this.fingerprintKey = Arrays.copyOf(key, key.length);
    return this;
  }

  /** Builds the scanner; the builder may be reused. */
  public Scanner build() {
    return new RegexScanner(
        ManagedIdentifiers.defaults(), Fingerprinter.hmacSha256(fingerprintKey));
  }
}
