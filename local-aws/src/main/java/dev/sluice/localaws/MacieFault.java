package dev.sluice.localaws;

/**
 * A macie2 error answered as HTTP {@code status}, header {@code x-amzn-ErrorType: type} and body
 * {@code {"message":message}}. Messages name fields, never finding content.
 */
final class MacieFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;

  MacieFault(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  static MacieFault validation(String message) {
    return new MacieFault(400, "ValidationException", message);
  }

  static MacieFault notFound(String message) {
    return new MacieFault(404, "ResourceNotFoundException", message);
  }

  static MacieFault throttled() {
    return new MacieFault(429, "ThrottlingException", "Rate exceeded (injected by the emulator)");
  }

  static MacieFault down() {
    return new MacieFault(
        500, "InternalServerException", "Service unavailable (emulator set down)");
  }
}
