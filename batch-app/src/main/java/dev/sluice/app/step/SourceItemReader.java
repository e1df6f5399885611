package dev.sluice.app.step;

import dev.sluice.ingest.source.SourceItem;
import java.util.Iterator;
import java.util.stream.Stream;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one partition's listing lazily. Its state is the last key handed out: saved with every
 * committed chunk, so a restarted partition resumes listing after the last committed document. The
 * key is saved sealed (AES-GCM under a key derived from the fingerprint key, {@link
 * dev.sluice.ingest.SourceNames#seal}): a name can hold a sensitive value, and the job database is
 * readable by whoever operates the job.
 */
public class SourceItemReader implements ItemStreamReader<SourceItem> {
  static final String LAST_KEY = "sluice.lastKey";

  private final RunContext run;
  private final String prefix;
  private final boolean recursive;
  private Stream<SourceItem> stream;
  private Iterator<SourceItem> it;
  private String lastKey = "";

  public SourceItemReader(RunContext run, String prefix, boolean recursive) {
    this.run = run;
    this.prefix = prefix;
    this.recursive = recursive;
  }

  @Override
  public void open(ExecutionContext ctx) {
    lastKey = run.pipeline().names().open(ctx.getString(LAST_KEY, ""));
    stream = run.source().list(prefix, lastKey, recursive);
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
    ctx.putString(LAST_KEY, run.pipeline().names().seal(lastKey));
  }

  @Override
  public void close() {
    if (stream != null) {
      stream.close();
    }
  }
}
