package dev.sluice.app.step;

import dev.sluice.ingest.source.SourceItem;
import java.util.Iterator;
import java.util.stream.Stream;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one partition's listing lazily. Its state is the last key handed out: saved with every
 * committed chunk, so a restarted partition resumes listing after the last committed document. A
 * key-range partition (remote workers) starts after {@code startAfter} and stops after {@code
 * endKey} (inclusive; empty = to the end). Keys are saved sealed (AES-GCM under a key derived from
 * the fingerprint key, {@link dev.sluice.ingest.SourceNames#seal}): a name can hold a sensitive
 * value, and the job database is readable by whoever operates the job.
 */
public class SourceItemReader implements ItemStreamReader<SourceItem> {
  static final String LAST_KEY = "sluice.lastKey";

  private final RunContext run;
  private final String prefix;
  private final boolean recursive;
  private final String startAfter;
  private final String endKey;
  private Stream<SourceItem> stream;
  private Iterator<SourceItem> it;
  private String lastKey = "";

  public SourceItemReader(RunContext run, String prefix, boolean recursive) {
    this(run, prefix, recursive, "", "");
  }

  public SourceItemReader(
      RunContext run, String prefix, boolean recursive, String startAfter, String endKey) {
    this.run = run;
    this.prefix = prefix;
    this.recursive = recursive;
    this.startAfter = startAfter == null ? "" : startAfter;
    this.endKey = endKey == null ? "" : endKey;
  }

  /** Compares keys in the source's listing order: UTF-8 bytes for S3, UTF-16 for local. */
  static int compareKeys(boolean s3, String a, String b) {
    if (!s3) {
      return a.compareTo(b);
    }
    return java.util.Arrays.compareUnsigned(
        a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public void open(ExecutionContext ctx) {
    String saved = ctx.getString(LAST_KEY, "");
    lastKey = saved.isEmpty() ? "" : run.pipeline().names().open(saved);
    boolean s3 = run.location().isS3();
    String from =
        lastKey.isEmpty() || compareKeys(s3, lastKey, startAfter) < 0 ? startAfter : lastKey;
    stream = run.source().list(prefix, from, recursive);
    if (!endKey.isEmpty()) {
      stream = stream.takeWhile(i -> compareKeys(s3, i.key(), endKey) <= 0);
    }
    String exact = run.location().exactKey();
    if (!exact.isEmpty()) {
      stream = stream.filter(i -> i.key().equals(exact));
    }
    it = stream.iterator();
  }

  @Override
  public synchronized SourceItem read() {
    if (it != null && it.hasNext()) {
      SourceItem item = it.next();
      lastKey = item.key();
      return item;
    }
    return null;
  }

  @Override
  public void update(ExecutionContext ctx) {
    ctx.putString(LAST_KEY, lastKey.isEmpty() ? "" : run.pipeline().names().seal(lastKey));
  }

  @Override
  public void close() {
    if (stream != null) {
      stream.close();
    }
  }
}
