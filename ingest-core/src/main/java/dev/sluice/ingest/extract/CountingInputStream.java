package dev.sluice.ingest.extract;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts bytes an embedded document's parser reads, for the size and expansion-ratio limits. */
final class CountingInputStream extends FilterInputStream {
  private final ParseGuard guard;
  private final String path;
  private long count;

  CountingInputStream(InputStream in, ParseGuard guard, String path) {
    super(in);
    this.guard = guard;
    this.path = path;
  }

  @Override
  public int read() throws IOException {
    guard.checkIo();
    int b = super.read();
    if (b >= 0) {
      count++;
      guard.addExpandedBytes(1, count, path);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    guard.checkIo();
    int n = super.read(buf, off, len);
    if (n > 0) {
      count += n;
      guard.addExpandedBytes(n, count, path);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    guard.checkIo();
    long s = super.skip(n);
    if (s > 0) {
      count += s;
      guard.addExpandedBytes(s, count, path);
    }
    return s;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
