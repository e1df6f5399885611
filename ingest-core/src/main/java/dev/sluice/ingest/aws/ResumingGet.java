package dev.sluice.ingest.aws;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * A GetObject body that survives a connection cut while it is read: the read resumes with a ranged
 * GetObject from the first byte not yet delivered, pinned to the same version by {@code If-Match}
 * (and {@code versionId} when known), at most {@link #MAX_RESUMES} times.
 *
 * <p>When the expected size is known (from the listing), the stream never ends short: an end of
 * stream before {@code size} bytes is treated as a cut and resumed, and if the resumes run out the
 * read fails with an {@link IOException} naming the object and offset, never the content. A body
 * longer than {@code size} fails too. Either failure becomes a held-back outcome with a reason, so
 * a truncated document is never classified as if it were whole.
 *
 * <p>Errors of the first request and of each resume request are the SDK's (already retried by the
 * client's strategy); a precondition failure (the object changed) is not resumed. Not thread-safe;
 * the caller closes the stream, which closes the current response.
 */
public final class ResumingGet extends InputStream {
  /** Resumes per object; each resume is itself retried by the SDK. */
  public static final int MAX_RESUMES = 8;

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final String eTag;
  private final String versionId;
  private final long size;
  private InputStream current;
  private long pos;
  private int resumes;
  private boolean closed;

  private ResumingGet(
      S3Client s3, String bucket, String key, String eTag, String versionId, long size) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.key = Objects.requireNonNull(key, "key");
    this.eTag = eTag == null ? "" : eTag;
    this.versionId = versionId == null ? "" : versionId;
    this.size = size;
  }

  /**
   * Opens {@code s3://bucket/key}; {@code eTag} and {@code versionId} may be empty, {@code size} is
   * the listed size or -1 if unknown.
   *
   * @throws software.amazon.awssdk.core.exception.SdkException if the first GetObject fails
   */
  public static InputStream open(
      S3Client s3, String bucket, String key, String eTag, String versionId, long size) {
    ResumingGet in = new ResumingGet(s3, bucket, key, eTag, versionId, size);
    in.current = in.request(0);
    return in;
  }

  /** Bytes delivered so far. */
  long position() {
    return pos;
  }

  private InputStream request(long from) {
    GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(bucket).key(key);
    if (!eTag.isEmpty()) {
      req.ifMatch(eTag.startsWith("\"") ? eTag : "\"" + eTag + "\"");
    }
    if (!versionId.isEmpty()) {
      req.versionId(versionId);
    }
    if (from > 0) {
      req.range("bytes=" + from + "-");
    }
    return s3.getObject(req.build());
  }

  private void resume(Exception cause) throws IOException {
    closeCurrent();
    if (++resumes > MAX_RESUMES) {
      throw new IOException(
          "s3://"
              + bucket
              + "/"
              + key
              + " cut at byte "
              + pos
              + (size >= 0 ? " of " + size : "")
              + " more than "
              + MAX_RESUMES
              + " times",
          cause);
    }
    try {
      current = request(pos);
    } catch (SdkException e) {
      // e.g. 412 (the object changed since listing) or 416 (it is shorter than listed)
      throw new IOException(
          "s3://"
              + bucket
              + "/"
              + key
              + " cut at byte "
              + pos
              + (size >= 0 ? " of " + size : "")
              + " and cannot be resumed: "
              + e.getClass().getSimpleName(),
          e);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("stream closed");
    }
    if (len == 0) {
      return 0;
    }
    if (size >= 0 && pos >= size) {
      // everything listed was delivered; a longer body means the object is not the listed one
      if (current.read() != -1) {
        throw new IOException(
            "s3://" + bucket + "/" + key + " is longer than its listed size " + size);
      }
      return -1;
    }
    while (true) {
      int n;
      try {
        n = current.read(b, off, len);
      } catch (IOException | SdkClientException e) {
        resume(e);
        continue;
      }
      if (n == -1) {
        if (size >= 0 && pos < size) {
          resume(new EOFException("body ended at byte " + pos + " of " + size));
          continue;
        }
        return -1;
      }
      if (size >= 0 && pos + n > size) {
        throw new IOException(
            "s3://" + bucket + "/" + key + " is longer than its listed size " + size);
      }
      pos += n;
      return n;
    }
  }

  private void closeCurrent() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException | RuntimeException ignored) {
        // the connection is already broken
      }
      current = null;
    }
  }

  @Override
  public void close() {
    closed = true;
    closeCurrent();
  }
}
