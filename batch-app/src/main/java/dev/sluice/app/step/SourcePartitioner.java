package dev.sluice.app.step;

import dev.sluice.app.config.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a source by sub-prefix: one partition for the objects directly under the prefix, and one
 * per immediate sub-prefix (listed recursively). Partitions run on the step's thread pool.
 */
public class SourcePartitioner implements Partitioner {
  static final String PREFIX = "sluice.prefix";
  static final String RECURSIVE = "sluice.recursive";
  static final String INDEX = "sluice.partition";

  private final RunContext run;

  public SourcePartitioner(RunContext run) {
    this.run = run;
  }

  @Override
  public Map<String, ExecutionContext> partition(int gridSize) {
    SourceLocation loc = run.location();
    Map<String, ExecutionContext> out = new LinkedHashMap<>();
    out.put(name(0), context(loc.prefix(), false, 0));
    if (loc.exactKey().isEmpty()) {
      List<String> subs = run.source().subPrefixes(loc.prefix());
      for (int i = 0; i < subs.size(); i++) {
        out.put(name(i + 1), context(subs.get(i), true, i + 1));
      }
    }
    return out;
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "partition%05d", i);
  }

  private static ExecutionContext context(String prefix, boolean recursive, int index) {
    ExecutionContext c = new ExecutionContext();
    c.putString(PREFIX, prefix);
    c.putString(RECURSIVE, Boolean.toString(recursive));
    c.putInt(INDEX, index);
    return c;
  }
}
