package dev.sluice.app.step;

import dev.sluice.ingest.Outcome;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Counts documents, bytes and findings as they are processed, and shows them: a live line on a
 * terminal (rewritten in place every second), or a plain log line every {@code progress-seconds}
 * otherwise. Thread-safe; partitions update it concurrently.
 */
public class Progress implements JobExecutionListener {
  private static final Logger log = LoggerFactory.getLogger(Progress.class);

  private final LongAdder documents = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder findings = new LongAdder();
  private final LongAdder held = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final AtomicLong started = new AtomicLong();
  private final boolean terminal;
  private final int logSeconds;
  private final PrintStream console;
  private ScheduledExecutorService timer;

  public Progress(boolean terminal, int logSeconds, PrintStream console) {
    this.terminal = terminal;
    this.logSeconds = logSeconds;
    this.console = console;
  }

  void processed(Outcome o) {
    documents.increment();
    bytes.add(o.item().size());
    findings.add(o.lineage().findingCounts().values().stream().mapToLong(Integer::longValue).sum());
    if (!o.verdict().decision().writesData()) {
      held.increment();
    }
  }

  void skipped() {
    skipped.increment();
  }

  @Override
  public synchronized void beforeJob(JobExecution execution) {
    documents.reset();
    bytes.reset();
    findings.reset();
    held.reset();
    skipped.reset();
    started.set(System.nanoTime());
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sluice-progress");
              t.setDaemon(true);
              return t;
            });
    int period = terminal ? 1 : logSeconds;
    timer.scheduleAtFixedRate(this::show, period, period, TimeUnit.SECONDS);
  }

  @Override
  public synchronized void afterJob(JobExecution execution) {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    if (terminal) {
      console.print("\r" + line() + "\n");
      console.flush();
    } else {
      log.info("done: {}", line());
    }
  }

  private void show() {
    if (terminal) {
      console.print("\r" + line() + "   ");
      console.flush();
    } else {
      log.info("progress: {}", line());
    }
  }

  /**
   * The current figures, e.g. {@code 1,204 docs (12 held back, 3 skipped), 88.1 MB, 4.2 docs/s, 2.1
   * MB/s, 310 findings, 4m12s}.
   */
  String line() {
    double secs = Math.max(0.001, (System.nanoTime() - started.get()) / 1e9);
    long d = documents.sum();
    double mb = bytes.sum() / 1e6;
    long s = (long) secs;
    return String.format(
        Locale.ROOT,
        "%,d docs (%,d held back, %,d unchanged), %.1f MB, %.1f docs/s, %.2f MB/s, %,d findings, %dm%02ds",
        d,
        held.sum(),
        skipped.sum(),
        mb,
        d / secs,
        mb / secs,
        findings.sum(),
        s / 60,
        s % 60);
  }
}
