package dev.sluice.ingest.extract;

import java.io.FilterInputStream;
import java.io.InputStream;

/** Shields the caller's stream from a parser that closes what it reads. */
final class NonClosingInputStream extends FilterInputStream {
  NonClosingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public void close() {
    // the caller owns the stream
  }
}
