package dev.sluice.ingest.extract;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes read from the caller's object, enforces the size limit while reading, never closes
 * the caller's stream, and fails every read once the parse is stopped, so an abandoned parser
 * thread cannot keep reading the caller's stream. Failures of the underlying stream are recorded as
 * {@link UnscannableReason#READ_ERROR}.
 */
final class GuardedInputStream extends FilterInputStream {
  private final ParseGuard guard;

  GuardedInputStream(InputStream in, ParseGuard guard) {
    super(in);
    this.guard = guard;
  }

  @Override
  public int read() throws IOException {
    guard.checkIo();
    int b;
    try {
      b = super.read();
    } catch (IOException e) {
      throw readError(e);
    }
    if (b >= 0) {
      guard.addSourceBytes(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    guard.checkIo();
    int n;
    try {
      n = super.read(buf, off, len);
    } catch (IOException e) {
      throw readError(e);
    }
    if (n > 0) {
      guard.addSourceBytes(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // read through so that skipped bytes are counted and size-checked
    byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  private IOException readError(IOException e) {
    if (e instanceof ParseGuard.StoppedIoException) {
      return e;
    }
    guard.hit(UnscannableReason.READ_ERROR, "source read failed: " + e.getClass().getSimpleName());
    return e;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() {
    // the caller owns the stream
  }
}
