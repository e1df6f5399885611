package dev.sluice.ingest.macie;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ingest.aws.ResumingGet;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * Reads Macie sensitive data discovery results from their S3 repository ({@code
 * s3://bucket/prefix/AWSLogs/<account>/Macie/<region>/<job>/.../<uuid>.jsonl.gz}: JSON Lines, gzip,
 * SSE-KMS, decrypted by S3 for a reader with {@code kms:Decrypt}). Files are streamed record by
 * record: at most one record ({@link #MAX_RECORD_BYTES}) is in memory at a time, and only the
 * reduced records about the source bucket and prefix are kept. Not thread-safe; use once.
 *
 * <p>Fail closed: a file that cannot be listed, read or decompressed, or a record that is not valid
 * JSON or exceeds the limit, is a failure, because the object it describes is unknown.
 */
final class DiscoveryResults {
  /** Longest record accepted; Macie keeps up to 1,000 locations per type, well under this. */
  static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bucket;
  private final String prefix;
  private final CustomIdentifierNames names;
  private final Consumer<MacieFinding> sink;
  long files;
  long records;
  long kept;
  long malformed;
  long oversized;

  DiscoveryResults(
      String bucket, String prefix, CustomIdentifierNames names, Consumer<MacieFinding> sink) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.prefix = prefix == null ? "" : prefix;
    this.names = Objects.requireNonNull(names, "names");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** A parsed {@code s3://bucket/prefix} location. */
  record Location(String bucket, String prefix) {
    static Location parse(String uri) {
      if (uri == null || !uri.startsWith("s3://") || uri.length() <= 5) {
        throw new IllegalArgumentException(
            "discovery results location must be s3://bucket/prefix/ (was '" + uri + "')");
      }
      String rest = uri.substring(5);
      int slash = rest.indexOf('/');
      String b = slash < 0 ? rest : rest.substring(0, slash);
      String p = slash < 0 ? "" : rest.substring(slash + 1);
      if (!b.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        throw new IllegalArgumentException(
            "discovery results location has an invalid bucket name '" + b + "'");
      }
      return new Location(b, p);
    }

    @Override
    public String toString() {
      return "s3://" + bucket + "/" + prefix;
    }
  }

  /**
   * Reads every {@code .jsonl.gz} / {@code .jsonl} object under {@code location}.
   *
   * @throws SdkException if S3 cannot be listed or read
   * @throws IOException if a file is not valid gzip or is cut short
   */
  void readAll(S3Client s3, Location location) throws IOException {
    var keys =
        s3.listObjectsV2Paginator(
                ListObjectsV2Request.builder()
                    .bucket(location.bucket())
                    .prefix(location.prefix())
                    .build())
            .contents();
    for (var o : keys) {
      String k = o.key();
      if (!(k.endsWith(".jsonl.gz") || k.endsWith(".jsonl") || k.endsWith(".json.gz"))) {
        continue;
      }
      // a cut body resumes from the next byte; a file never reads short of its listed size
      try (InputStream in =
          ResumingGet.open(
              s3, location.bucket(), k, o.eTag(), "", o.size() == null ? -1 : o.size())) {
        read(in, "s3://" + location.bucket() + "/" + k);
      }
    }
  }

  /** Reads one file, gzip or plain (detected by its magic bytes). The caller closes {@code in}. */
  void read(InputStream raw, String source) throws IOException {
    files++;
    BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
    buffered.mark(2);
    int b1 = buffered.read();
    int b2 = buffered.read();
    buffered.reset();
    InputStream in =
        b1 == 0x1f && b2 == 0x8b
            ? new BufferedInputStream(new GZIPInputStream(buffered, 64 * 1024), 64 * 1024)
            : buffered;
    LineReader lines = new LineReader(in, MAX_RECORD_BYTES);
    long lineNo = 0;
    while (lines.next()) {
      lineNo++;
      if (lines.oversized()) {
        oversized++;
        continue;
      }
      if (lines.isBlank()) {
        continue;
      }
      records++;
      JsonNode rec;
      try {
        rec = JSON.readTree(lines.buffer(), 0, lines.length());
      } catch (JsonProcessingException e) {
        malformed++;
        continue;
      }
      if (rec == null || !rec.isObject()) {
        malformed++;
        continue;
      }
      MacieFinding f = MacieResults.fromJson(rec, names, source + "#" + lineNo);
      if (f == null) {
        malformed++;
      } else if (f.bucket().equals(bucket) && f.key().startsWith(prefix)) {
        kept++;
        sink.accept(f);
      }
    }
  }

  /** Why the results cannot be trusted as complete, or null. */
  String problem() {
    if (malformed == 0 && oversized == 0) {
      return null;
    }
    return "Macie discovery results: "
        + malformed
        + " unreadable and "
        + oversized
        + " oversized record(s); the objects they describe are unknown";
  }

  /**
   * Reads {@code \n}-terminated lines into one reused buffer of at most {@code max} bytes; a longer
   * line is skipped and flagged. Reads the stream in 64 KiB chunks. Not thread-safe.
   */
  static final class LineReader {
    private final InputStream in;
    private final int max;
    private final byte[] chunk = new byte[64 * 1024];
    private int pos;
    private int lim;
    private boolean eof;
    private byte[] buf = new byte[8192];
    private int len;
    private boolean oversized;

    LineReader(InputStream in, int max) {
      this.in = in;
      this.max = max;
    }

    /** Advances to the next line; false at end of input. */
    boolean next() throws IOException {
      len = 0;
      oversized = false;
      boolean any = false;
      while (true) {
        if (pos == lim) {
          if (eof) {
            return any;
          }
          int n = in.read(chunk, 0, chunk.length);
          pos = 0;
          lim = Math.max(n, 0);
          if (n < 0) {
            eof = true;
            return any;
          }
          continue;
        }
        any = true;
        int nl = -1;
        for (int i = pos; i < lim; i++) {
          if (chunk[i] == '\n') {
            nl = i;
            break;
          }
        }
        int end = nl < 0 ? lim : nl;
        append(pos, end - pos);
        pos = nl < 0 ? lim : nl + 1;
        if (nl >= 0) {
          return true;
        }
      }
    }

    private void append(int off, int n) {
      if (oversized || n == 0) {
        return;
      }
      if (len + n > max) {
        oversized = true;
        len = 0;
        return;
      }
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.min(max, Math.max(buf.length * 2, len + n)));
      }
      System.arraycopy(chunk, off, buf, len, n);
      len += n;
    }

    boolean oversized() {
      return oversized;
    }

    boolean isBlank() {
      for (int i = 0; i < len; i++) {
        if (!Character.isWhitespace(buf[i])) {
          return false;
        }
      }
      return true;
    }

    byte[] buffer() {
      return buf;
    }

    int length() {
      return len;
    }
  }
}
