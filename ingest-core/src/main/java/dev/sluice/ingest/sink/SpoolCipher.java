package dev.sluice.ingest.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * Encrypts spool files with AES-CTR under a key generated once per process and held only in memory,
 * with a fresh random IV per file. A process killed while a document or part is spooled leaves
 * ciphertext nobody can read: the key died with it. CTR keeps the length, so the plain size is the
 * file size, and it streams both ways. Integrity is not needed here: the plain SHA-256 is computed
 * while reading back and sent to S3 as the object checksum. Thread-safe.
 */
final class SpoolCipher {
  private static final String ALGORITHM = "AES/CTR/NoPadding";
  private static final SecretKey KEY = newKey();
  private static final SecureRandom RANDOM = new SecureRandom();

  private SpoolCipher() {}

  private static SecretKey newKey() {
    try {
      KeyGenerator g = KeyGenerator.getInstance("AES");
      g.init(256);
      return g.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable", e);
    }
  }

  /** A fresh IV for one spool file. */
  static byte[] newIv() {
    byte[] iv = new byte[16];
    RANDOM.nextBytes(iv);
    return iv;
  }

  /** Writes {@code file} encrypted; the caller closes the stream. */
  static OutputStream writer(Path file, byte[] iv) throws IOException {
    return new CipherOutputStream(Files.newOutputStream(file), cipher(Cipher.ENCRYPT_MODE, iv));
  }

  /** Reads {@code file} decrypted; the caller closes the stream. */
  static InputStream reader(Path file, byte[] iv) throws IOException {
    return new CipherInputStream(Files.newInputStream(file), cipher(Cipher.DECRYPT_MODE, iv));
  }

  private static Cipher cipher(int mode, byte[] iv) {
    try {
      Cipher c = Cipher.getInstance(ALGORITHM);
      c.init(mode, KEY, new IvParameterSpec(iv));
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR unavailable", e);
    }
  }
}
