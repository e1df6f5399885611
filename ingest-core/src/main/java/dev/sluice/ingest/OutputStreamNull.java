package dev.sluice.ingest;

import java.io.OutputStream;

/** Discards bytes; used to finish hashing a stream. */
final class OutputStreamNull extends OutputStream {
  static final OutputStreamNull INSTANCE = new OutputStreamNull();

  @Override
  public void write(int b) {}

  @Override
  public void write(byte[] b, int off, int len) {}
}
