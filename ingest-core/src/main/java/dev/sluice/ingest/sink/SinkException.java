package dev.sluice.ingest.sink;

/**
 * The curated sink cannot be used safely (key missing or disabled, bucket unwritable, an object not
 * encrypted as demanded). Systemic: the job must stop. Messages name the key or bucket and the
 * problem, never data.
 */
public final class SinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SinkException(String message) {
    super(message);
  }

  public SinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
