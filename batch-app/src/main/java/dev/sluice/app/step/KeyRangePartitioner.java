package dev.sluice.app.step;

import dev.sluice.app.config.SourceLocation;
import dev.sluice.ingest.source.SourceItem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a source into balanced key ranges taken from its listing (for remote workers): the first
 * pass counts the objects, the second keeps every {@code count/n}-th key as a boundary, so memory
 * is O(partitions), not O(objects). Partition {@code i} covers the keys after boundary {@code i-1}
 * up to and including boundary {@code i}; the first starts at the beginning, the last is open
 * ended, so an object added between the passes still falls in some range.
 *
 * <p>A restarted run keeps its ranges: when the job instance already has partitions of this step,
 * they are returned as they were (Spring Batch then re-runs the unfinished ones from their saved
 * state and skips the finished ones) instead of splitting a listing that may have changed, which
 * would give ranges overlapping the finished ones.
 */
public class KeyRangePartitioner implements Partitioner {
  static final String START_AFTER = "sluice.startAfter";
  static final String END_KEY = "sluice.endKey";

  private final RunContext run;
  private final JobRepository repo;
  private final StepExecution manager;
  private final String workerStep;

  /**
   * @param manager the manager's step execution
   * @param workerStep the name of the partitions' step (e.g. {@code ingest-worker})
   */
  public KeyRangePartitioner(
      RunContext run, JobRepository repo, StepExecution manager, String workerStep) {
    this.run = run;
    this.repo = repo;
    this.manager = manager;
    this.workerStep = workerStep;
  }

  /** The partitions an earlier execution of this job instance created, with their state. */
  private Map<String, ExecutionContext> previous() {
    Map<String, ExecutionContext> out = new LinkedHashMap<>();
    JobInstance instance = manager.getJobExecution().getJobInstance();
    for (int i = 0; ; i++) {
      StepExecution last = repo.getLastStepExecution(instance, workerStep + ":" + name(i));
      if (last == null) {
        return out;
      }
      out.put(name(i), last.getExecutionContext());
    }
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "partition%05d", i);
  }

  @Override
  public Map<String, ExecutionContext> partition(int gridSize) {
    Map<String, ExecutionContext> earlier = previous();
    if (!earlier.isEmpty()) {
      return earlier;
    }
    int partitions = Math.max(1, gridSize);
    SourceLocation loc = run.location();
    List<String> bounds = new ArrayList<>();
    if (loc.exactKey().isEmpty()) {
      long count;
      try (Stream<SourceItem> all = run.source().list(loc.prefix(), "", true)) {
        count = all.count();
      }
      int n = (int) Math.max(1, Math.min(partitions, count));
      if (n > 1) {
        // boundary j (1..n-1) is the key at position round(j * count / n), counted from 1
        try (Stream<SourceItem> all = run.source().list(loc.prefix(), "", true)) {
          Iterator<SourceItem> it = all.iterator();
          long pos = 0;
          int j = 1;
          while (it.hasNext() && j < n) {
            String key = it.next().key();
            pos++;
            if (pos == Math.round((double) j * count / n)) {
              bounds.add(key);
              j++;
            }
          }
        }
      }
    }
    Map<String, ExecutionContext> out = new LinkedHashMap<>();
    String after = "";
    for (int i = 0; i <= bounds.size(); i++) {
      String end = i < bounds.size() ? bounds.get(i) : "";
      ExecutionContext c = new ExecutionContext();
      c.putString(SourcePartitioner.PREFIX, loc.prefix());
      c.putString(SourcePartitioner.RECURSIVE, "true");
      c.putInt(SourcePartitioner.INDEX, i);
      c.putString(START_AFTER, after);
      c.putString(END_KEY, end);
      out.put(name(i), c);
      after = end;
    }
    return out;
  }
}
