package dev.sluice.app.cli;

/** A command line that cannot be run; exit code 2 with the message. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
