package dev.sluice.ingest.sink;

import java.util.Locale;

/** How a dataset's approved data is laid out in its run prefix. */
public enum OutputMode {
  /** Gzip JSON Lines parts of sanitized text records (for training and fine-tuning jobs). */
  JSONL,
  /**
   * Approved documents as they are, each with a Bedrock Knowledge Bases {@code .metadata.json}
   * sidecar (for knowledge-base data sources). Redacted documents become {@code .txt}.
   */
  DOCUMENTS;

  /**
   * Parses {@code jsonl} or {@code documents} (any case).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static OutputMode parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("sink mode must be jsonl or documents (was '" + s + "')");
    }
  }
}
