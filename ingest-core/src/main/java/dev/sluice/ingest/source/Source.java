package dev.sluice.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;

/** Lists and opens documents. Implementations are thread-safe. */
public interface Source {

  /**
   * Lists the objects under {@code prefix} lazily, in key order, page by page; the caller closes
   * the stream.
   */
  Stream<SourceItem> list(String prefix);

  /** Opens {@code item} for streaming; the caller closes the stream. */
  InputStream open(SourceItem item) throws IOException;
}
