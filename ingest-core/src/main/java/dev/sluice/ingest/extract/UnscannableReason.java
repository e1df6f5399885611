package dev.sluice.ingest.extract;

/** Why a document could not be scanned. Any of these makes the document not approvable. */
public enum UnscannableReason {
  MALFORMED_FILE,
  ENCRYPTED,
  UNSUPPORTED_TYPE,
  SIZE_LIMIT,
  NESTING_LIMIT,
  ENTRY_LIMIT,
  RATIO_LIMIT,
  ENTITY_EXPANSION,
  TIMEOUT,
  MEMORY_LIMIT,
  NO_TEXT,
  TYPE_MISMATCH,
  READ_ERROR,
  INTERNAL_ERROR
}
