package dev.sluice.localaws;

/**
 * A KMS error answered on the wire as {@code {"__type":type,"message":message}}. Messages carry key
 * ids and field names only, never plaintext or key material.
 */
final class KmsFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final int status;

  KmsFault(String type, String message) {
    this(type, 400, message);
  }

  KmsFault(String type, int status, String message) {
    super(message, null, false, false);
    this.type = type;
    this.status = status;
  }

  String type() {
    return type;
  }

  int status() {
    return status;
  }

  static KmsFault validation(String message) {
    return new KmsFault("ValidationException", message);
  }

  static KmsFault notFound(String message) {
    return new KmsFault("NotFoundException", message);
  }

  static KmsFault invalidCiphertext() {
    return new KmsFault(
        "InvalidCiphertextException",
        "The ciphertext is invalid, was tampered with, or the encryption context does not match.");
  }
}
