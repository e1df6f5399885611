package dev.sluice.ingest.sink;

/**
 * A source document could not be read again, or its bytes differ from what was scanned. A
 * per-document condition, never systemic: the document is refused and recorded, the job goes on.
 * Messages name the source and the problem, never data.
 */
final class SourceUnreadable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SourceUnreadable(String message) {
    super(message, null, false, false);
  }
}
