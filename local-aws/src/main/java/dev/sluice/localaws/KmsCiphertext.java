package dev.sluice.localaws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The emulator's self-describing ciphertext blob and its AES-256-GCM sealing.
 *
 * <pre>
 * byte 0        version (1)
 * byte 1        n = length of the key id in UTF-8 bytes (1..64)
 * bytes 2..n+1  key id
 * next 12       random IV
 * rest          AES-256-GCM ciphertext followed by the 16-byte tag
 * </pre>
 *
 * The GCM additional authenticated data is the header (version, length, key id) followed by the
 * canonical encryption context: entries sorted by key, each as a 4-byte big-endian length and UTF-8
 * bytes of the key, then the same for the value. A missing and an empty context are the same (as in
 * KMS). Changing any header byte, IV, ciphertext byte or context entry makes the tag check fail.
 */
final class KmsCiphertext {

  static final int VERSION = 1;
  static final int IV_BYTES = 12;
  static final int TAG_BITS = 128;
  static final int MAX_BLOB = 6144;

  private static final SecureRandom RANDOM = new SecureRandom();

  private KmsCiphertext() {}

  /** A parsed blob whose integrity is not yet checked. */
  record Parsed(String keyId, byte[] header, byte[] iv, byte[] sealed) {}

  static byte[] seal(String keyId, byte[] material, byte[] plaintext, Map<String, String> context) {
    byte[] header = header(keyId);
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] sealed;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(material, "AES"),
          new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(header);
      cipher.updateAAD(canonicalContext(context));
      sealed = cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new KmsFault("KMSInternalException", 500, "encryption failed");
    }
    return ByteBuffer.allocate(header.length + iv.length + sealed.length)
        .put(header)
        .put(iv)
        .put(sealed)
        .array();
  }

  /**
   * Splits a blob into its parts.
   *
   * @throws KmsFault InvalidCiphertextException if the blob is not in this format
   */
  static Parsed parse(byte[] blob) {
    if (blob.length < 2 + 1 + IV_BYTES + TAG_BITS / 8 || blob.length > MAX_BLOB) {
      throw KmsFault.invalidCiphertext();
    }
    int version = blob[0] & 0xff;
    int idLength = blob[1] & 0xff;
    if (version != VERSION || idLength < 1 || idLength > 64) {
      throw KmsFault.invalidCiphertext();
    }
    int headerLength = 2 + idLength;
    if (blob.length < headerLength + IV_BYTES + TAG_BITS / 8) {
      throw KmsFault.invalidCiphertext();
    }
    String keyId = new String(blob, 2, idLength, StandardCharsets.UTF_8);
    if (!KmsKeySpecs.KEY_ID.matcher(keyId).matches()) {
      throw KmsFault.invalidCiphertext();
    }
    byte[] header = java.util.Arrays.copyOfRange(blob, 0, headerLength);
    byte[] iv = java.util.Arrays.copyOfRange(blob, headerLength, headerLength + IV_BYTES);
    byte[] sealed = java.util.Arrays.copyOfRange(blob, headerLength + IV_BYTES, blob.length);
    return new Parsed(keyId, header, iv, sealed);
  }

  /**
   * Checks the tag and decrypts.
   *
   * @throws KmsFault InvalidCiphertextException if the tag does not verify under this context
   */
  static byte[] open(Parsed parsed, byte[] material, Map<String, String> context) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(material, "AES"),
          new GCMParameterSpec(TAG_BITS, parsed.iv()));
      cipher.updateAAD(parsed.header());
      cipher.updateAAD(canonicalContext(context));
      return cipher.doFinal(parsed.sealed());
    } catch (AEADBadTagException e) {
      throw KmsFault.invalidCiphertext();
    } catch (GeneralSecurityException e) {
      throw KmsFault.invalidCiphertext();
    }
  }

  static byte[] header(String keyId) {
    byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
    if (id.length < 1 || id.length > 64) {
      throw new IllegalArgumentException("key id must be 1..64 bytes");
    }
    byte[] header = new byte[2 + id.length];
    header[0] = (byte) VERSION;
    header[1] = (byte) id.length;
    System.arraycopy(id, 0, header, 2, id.length);
    return header;
  }

  static byte[] canonicalContext(Map<String, String> context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : new TreeMap<>(context).entrySet()) {
      writeField(out, e.getKey());
      writeField(out, e.getValue());
    }
    return out.toByteArray();
  }

  private static void writeField(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }
}
