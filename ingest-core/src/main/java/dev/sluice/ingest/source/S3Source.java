package dev.sluice.ingest.source;

import dev.sluice.ingest.aws.ResumingGet;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * Lists a bucket with ListObjectsV2 (1,000 keys a page, lazily) and streams objects with GetObject.
 * A GetObject carries {@code If-Match} with the listed ETag, so the bytes read are exactly the
 * version that was listed; an object changed since listing fails the read instead of being
 * attributed to the wrong version. A body cut while it is read is resumed from the next byte
 * ({@link ResumingGet}); a body shorter or longer than the listed size fails the read.
 */
public final class S3Source implements Source {
  private final S3Client s3;
  private final String bucket;

  private S3Source(S3Client s3, String bucket) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  /** A source over {@code bucket}; the client is shared, not closed by this source. */
  public static S3Source of(S3Client s3, String bucket) {
    return new S3Source(s3, bucket);
  }

  public String bucket() {
    return bucket;
  }

  @Override
  public Stream<SourceItem> list(String prefix, String startAfter, boolean recursive) {
    String p = prefix == null ? "" : prefix;
    ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).prefix(p);
    if (startAfter != null && !startAfter.isEmpty()) {
      req.startAfter(startAfter);
    }
    if (!recursive) {
      req.delimiter("/");
    }
    return s3.listObjectsV2Paginator(req.build()).contents().stream()
        .filter(o -> !o.key().endsWith("/"))
        .map(
            o ->
                new SourceItem(
                    "s3://" + bucket + "/" + o.key(), bucket, o.key(), "", o.eTag(), o.size()));
  }

  @Override
  public List<String> subPrefixes(String prefix) {
    List<String> out = new ArrayList<>();
    s3
        .listObjectsV2Paginator(
            ListObjectsV2Request.builder()
                .bucket(bucket)
                .prefix(prefix == null ? "" : prefix)
                .delimiter("/")
                .build())
        .commonPrefixes()
        .stream()
        .map(CommonPrefix::prefix)
        .forEach(out::add);
    return out;
  }

  @Override
  public InputStream open(SourceItem item) {
    // resumes a body cut mid-stream from the next byte, same version; never ends short of size
    return ResumingGet.open(s3, bucket, item.key(), item.eTag(), item.versionId(), item.size());
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/";
  }
}
