package dev.sluice.classifiers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Keyed fingerprints of values: HMAC-SHA256, hex. Thread-safe (a new Mac per call is cheap). */
public final class Fingerprinter {
  private final SecretKeySpec key;

  private Fingerprinter(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** Creates a fingerprinter under {@code key}. */
  public static Fingerprinter hmacSha256(byte[] key) {
    return new Fingerprinter(key);
  }

  /** Returns the hex HMAC of {@code value}'s UTF-8 bytes. */
  public String fingerprint(CharSequence value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of()
          .formatHex(mac.doFinal(value.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
