package dev.sluice.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

/** Lists and opens documents. Implementations are thread-safe. */
public interface Source {

  /**
   * Lists objects under {@code prefix} lazily, in key order, page by page; the caller closes the
   * stream.
   *
   * @param prefix key prefix, empty for everything
   * @param startAfter list only keys strictly after this one (resuming a restarted partition);
   *     empty to start at the beginning
   * @param recursive {@code false} lists only objects directly under {@code prefix} (no further
   *     {@code /} in the rest of the key)
   */
  Stream<SourceItem> list(String prefix, String startAfter, boolean recursive);

  /** Lists every object under {@code prefix}. */
  default Stream<SourceItem> list(String prefix) {
    return list(prefix, "", true);
  }

  /** The immediate sub-prefixes of {@code prefix}, each ending in {@code /}, in key order. */
  List<String> subPrefixes(String prefix);

  /** Opens {@code item} for streaming; the caller closes the stream. */
  InputStream open(SourceItem item) throws IOException;

  /** Where this source reads from, for messages, e.g. {@code s3://raw-docs/}. */
  String describe();
}
