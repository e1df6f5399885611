package dev.sluice.ingest;

import dev.sluice.classifiers.Finding;
import dev.sluice.classifiers.Masking;
import dev.sluice.classifiers.Scanner;
import dev.sluice.ingest.source.SourceItem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names of source objects as Sluice may show and store them. A source URI (bucket or folder, key,
 * file name) can itself hold a sensitive value, and object keys are not encrypted: they appear in
 * listings, CloudTrail, inventories and access logs. So:
 *
 * <ul>
 *   <li>{@link #scan} scans the whole URI as one text unit (location {@code key}), so the policy
 *       sees findings in names;
 *   <li>{@link #display} is the URI with every finding masked ({@link Masking#preview}) and capped
 *       at {@link #MAX_DISPLAY} characters: what reports, findings, lineage and curated records
 *       show;
 *   <li>{@link #id} and the fingerprints are HMAC-SHA256 under a key derived from the fingerprint
 *       key: curated object keys, lineage ids and version or content fingerprints never derive from
 *       a name or a plain digest a reader could brute-force (an SSN-only file's SHA-256 is reversed
 *       in under a second);
 *   <li>{@link #seal}/{@link #open} encrypt a name (AES-GCM under another derived key) where it
 *       must be stored to be used again, e.g. the reader's restart position in the job database.
 * </ul>
 *
 * Thread-safe: each call creates its own {@link Mac} or {@link Cipher}.
 */
public final class SourceNames {
  /** Longest name shown or stored; longer ones are cut (after masking) with their length noted. */
  public static final int MAX_DISPLAY = 1024;

  /** Location of the name unit in findings and reports. */
  public static final String LOCATION = "key";

  private final Scanner scanner;
  private final SecretKeySpec idKey;
  private final SecretKeySpec sealKey;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param scanner the run's scanner
   * @param fingerprintKey the fingerprint key (at least 16 bytes); ids and sealed names are stable
   *     across runs as long as it is
   */
  public SourceNames(Scanner scanner, byte[] fingerprintKey) {
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    if (fingerprintKey == null || fingerprintKey.length < 16) {
      throw new IllegalArgumentException("fingerprintKey must be at least 16 bytes");
    }
    this.idKey = new SecretKeySpec(derive(fingerprintKey, "sluice-names-id-v1"), "HmacSHA256");
    this.sealKey =
        new SecretKeySpec(
            java.util.Arrays.copyOf(derive(fingerprintKey, "sluice-names-seal-v1"), 16), "AES");
  }

  private static byte[] derive(byte[] key, String purpose) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * Findings in {@code decode(uri)}; offsets index into it (a {@code file:} URI escapes spaces and
   * more as {@code %20}, an S3 key may too, so names are scanned decoded). Names use separators
   * where prose uses spaces ({@code ssn_536-22-8142.txt}), so the name is scanned twice: as it is,
   * and with {@code / _ + .} as spaces (same length, so offsets hold); the union counts each span
   * once.
   */
  public List<Finding> scan(String encodedUri) {
    String uri = decode(encodedUri);
    if (uri.isEmpty()) {
      return List.of();
    }
    String spaced = uri.replace('/', ' ').replace('_', ' ').replace('+', ' ').replace('.', ' ');
    java.util.Map<String, Finding> union = new java.util.LinkedHashMap<>();
    for (Finding f : scanner.scan(uri)) {
      union.putIfAbsent(f.identifierId() + ":" + f.start() + ":" + f.end(), f);
    }
    for (Finding f : scanner.scan(spaced)) {
      boolean overlaps =
          union.values().stream()
              .anyMatch(
                  g ->
                      g.identifierId().equals(f.identifierId())
                          && g.start() < f.end()
                          && f.start() < g.end());
      if (!overlaps) {
        union.put(f.identifierId() + ":" + f.start() + ":" + f.end(), f);
      }
    }
    return union.values().stream()
        .sorted(java.util.Comparator.comparingInt(Finding::start))
        .toList();
  }

  /** {@code uri} with its findings masked, capped at {@link #MAX_DISPLAY} characters. */
  public String display(String uri) {
    return display(uri, scan(uri));
  }

  /** {@code decode(encodedUri)} with {@code findings} (offsets into it) masked and capped. */
  public static String display(String encodedUri, List<Finding> findings) {
    String uri = decode(encodedUri);
    StringBuilder sb = new StringBuilder(Math.min(uri.length(), MAX_DISPLAY + 32));
    int at = 0;
    for (Finding f :
        findings.stream().sorted(java.util.Comparator.comparingInt(Finding::start)).toList()) {
      if (f.end() <= at) {
        continue;
      }
      int s = Math.max(at, f.start());
      sb.append(uri, at, s);
      sb.append(Masking.preview(uri.substring(s, f.end())));
      at = f.end();
    }
    sb.append(uri, at, uri.length());
    if (sb.length() > MAX_DISPLAY) {
      int n = sb.length();
      sb.setLength(MAX_DISPLAY - 40);
      sb.append("…[").append(n).append(" chars]");
    }
    return sb.toString();
  }

  /**
   * {@code s} with each valid run of {@code %XX} escapes decoded as UTF-8 (malformed bytes become
   * U+FFFD); anything else is kept as it is. Never fails.
   */
  public static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      if (s.charAt(i) == '%'
          && i + 2 < s.length()
          && hex(s.charAt(i + 1)) >= 0
          && hex(s.charAt(i + 2)) >= 0) {
        bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 3;
        continue;
      }
      if (bytes.size() > 0) {
        out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
        bytes.reset();
      }
      out.append(s.charAt(i++));
    }
    if (bytes.size() > 0) {
      out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  /** Hex HMAC-SHA256 of {@code parts} (NUL-separated), first 32 hex digits. */
  public String id(String... parts) {
    return mac(parts).substring(0, 32);
  }

  /** Keyed fingerprint of one version of a source: URI, version id and ETag. */
  public String versionFingerprint(SourceItem item) {
    return mac("version", item.uri(), item.versionId(), item.eTag());
  }

  /** Keyed fingerprint of a document's content, from its plain SHA-256 (hex); empty stays empty. */
  public String contentFingerprint(String sha256Hex) {
    return sha256Hex.isEmpty() ? "" : mac("content", sha256Hex);
  }

  private String mac(String... parts) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(idKey);
      for (String p : parts) {
        m.update(p.getBytes(StandardCharsets.UTF_8));
        m.update((byte) 0);
      }
      return HexFormat.of().formatHex(m.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** {@code name} encrypted (AES-GCM, random nonce), Base64; empty stays empty. */
  public String seal(String name) {
    if (name.isEmpty()) {
      return "";
    }
    try {
      byte[] iv = new byte[12];
      random.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(128, iv));
      byte[] ct = c.doFinal(name.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(ByteBuffer.allocate(12 + ct.length).put(iv).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM unavailable", e);
    }
  }

  /**
   * The name {@link #seal} encrypted.
   *
   * @throws IllegalArgumentException if {@code sealed} was not sealed under this key (the message
   *     holds no part of it)
   */
  public String open(String sealed) {
    if (sealed.isEmpty()) {
      return "";
    }
    try {
      byte[] all = Base64.getDecoder().decode(sealed);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(128, all, 0, 12));
      return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("sealed name cannot be opened (fingerprint key changed?)");
    }
  }
}
