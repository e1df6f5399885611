package dev.sluice.classifiers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed fingerprints of values: HMAC-SHA256, hex. Thread-safe: each thread reuses its own
 * initialised {@link Mac} (a {@code Mac} resets after {@code doFinal}).
 */
public final class Fingerprinter {
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> mac;

  private Fingerprinter(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
    this.mac = ThreadLocal.withInitial(this::newMac);
  }

  /** Creates a fingerprinter under {@code key}. */
  public static Fingerprinter hmacSha256(byte[] key) {
    return new Fingerprinter(key);
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Returns the hex HMAC of {@code value}'s UTF-8 bytes. */
  public String fingerprint(CharSequence value) {
    return HexFormat.of()
        .formatHex(mac.get().doFinal(value.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * {@link #fingerprint(CharSequence)} of {@code a[off, off + len)}: ASCII values (nearly all) are
   * encoded directly, without an intermediate String.
   */
  String fingerprint(char[] a, int off, int len) {
    Mac m = mac.get();
    byte[] bytes = new byte[len];
    for (int i = 0; i < len; i++) {
      char c = a[off + i];
      if (c >= 0x80) {
        return fingerprint(new String(a, off, len)); // non-ASCII: exact String UTF-8 encoding
      }
      bytes[i] = (byte) c;
    }
    return HEX.formatHex(m.doFinal(bytes));
  }

  private static final HexFormat HEX = HexFormat.of();
}
