package dev.sluice.ingest.extract;

import java.io.InputStream;

/**
 * Extracts text from one document. Never throws for bad input: a broken, encrypted, oversized or
 * hostile document becomes an {@link Extraction} with an {@link UnscannableReason}. Thread-safe.
 */
@FunctionalInterface
public interface Extractor {

  /**
   * Extracts {@code in}. The extractor reads {@code in} but does not close it.
   *
   * @param in the document's bytes
   * @param fileName the document's name, a hint for type detection only
   * @param size the declared size in bytes, or -1 if unknown
   */
  Extraction extract(InputStream in, String fileName, long size);
}
