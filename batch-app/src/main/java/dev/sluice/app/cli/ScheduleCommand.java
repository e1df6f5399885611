package dev.sluice.app.cli;

import dev.sluice.app.config.CoreBeans.ValidatedProperties;
import dev.sluice.app.config.SluiceProperties;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * {@code sluice schedule}: runs as a service, launching each configured schedule on its cron. Never
 * two overlapping executions of one schedule (the skipped firing is logged). On SIGTERM the running
 * executions are asked to stop: each finishes its current chunk, is marked STOPPED and can be
 * restarted with {@code sluice restart <id>}.
 */
final class ScheduleCommand {
  private static final Logger log = LoggerFactory.getLogger(ScheduleCommand.class);

  private final ConfigurableApplicationContext ctx;
  private final PrintStream out;
  private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stoppedAny;
  private final java.util.concurrent.ExecutorService jobs =
      java.util.concurrent.Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "sluice-scheduled-job");
            t.setDaemon(true);
            return t;
          });
  private ThreadPoolTaskScheduler scheduler;

  ScheduleCommand(ConfigurableApplicationContext ctx, PrintStream out) {
    this.ctx = ctx;
    this.out = out;
  }

  /** Starts the schedules; returns once they are registered. */
  void start() {
    SluiceProperties props = ctx.getBean(ValidatedProperties.class).props();
    List<SluiceProperties.Schedule> schedules = props.schedules();
    if (schedules == null || schedules.isEmpty()) {
      throw new UsageException(
          "no schedules configured (sluice.schedules[*].name/cron/job/source)");
    }
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1); // ticks only dispatch; jobs run on their own threads
    scheduler.setThreadNamePrefix("sluice-schedule-");
    scheduler.initialize();
    for (SluiceProperties.Schedule s : schedules) {
      running.put(s.name(), new AtomicBoolean());
      scheduler.schedule(() -> tick(s), new CronTrigger(s.cron()));
      out.println(
          "scheduled " + s.name() + ": " + s.job() + " " + s.source() + " at '" + s.cron() + "'");
    }
  }

  /**
   * A cron firing. The job runs on its own thread so the cron keeps ticking; a firing while the
   * schedule's previous execution runs is skipped and logged.
   */
  void tick(SluiceProperties.Schedule s) {
    AtomicBoolean busy = running.get(s.name());
    if (!busy.compareAndSet(false, true)) {
      List<Long> ids =
          ctx.getBean(JobRepository.class).findRunningJobExecutions(s.job()).stream()
              .map(JobExecution::getId)
              .toList();
      log.warn("skipped firing of schedule {}: execution {} is still running", s.name(), ids);
      return;
    }
    try {
      jobs.execute(() -> fire(s, busy));
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      busy.set(false);
    }
  }

  private void fire(SluiceProperties.Schedule s, AtomicBoolean busy) {
    try {
      Job job = ctx.getBean(s.job() + "Job", Job.class);
      String runId = SluiceCli.newRunId(s.name());
      var params =
          new JobParametersBuilder()
              .addString("source", s.source())
              .addString("run.id", runId)
              .addString("mode", s.job(), false)
              .addString("ingest.date", LocalDate.now(ZoneOffset.UTC).toString(), false)
              .addString("force", "false", false)
              .toJobParameters();
      log.info("schedule {} starting run {}", s.name(), runId);
      JobExecution e = ctx.getBean(JobOperator.class).start(job, params);
      log.info("schedule {} run {} ended {}", s.name(), runId, e.getStatus());
    } catch (Exception e) {
      log.error("schedule {} failed to run: {}", s.name(), e.getMessage());
    } finally {
      busy.set(false);
    }
  }

  /**
   * Stops scheduling, asks running executions to stop after their current chunk, and waits up to
   * {@code waitSeconds} for them.
   */
  void shutdown(int waitSeconds) {
    if (scheduler == null) {
      return;
    }
    scheduler.getScheduledExecutor().shutdown(); // no new firings
    jobs.shutdown();
    JobOperator op = ctx.getBean(JobOperator.class);
    JobRepository repo = ctx.getBean(JobRepository.class);
    List<JobExecution> live = new ArrayList<>();
    for (String name : List.of("ingest", "classify")) {
      live.addAll(repo.findRunningJobExecutions(name));
    }
    stoppedAny = !live.isEmpty();
    for (JobExecution e : live) {
      try {
        op.stop(e);
        log.info(
            "stopping execution {} (restart it with: sluice restart {})", e.getId(), e.getId());
      } catch (Exception ex) {
        log.warn("cannot stop execution {}: {}", e.getId(), ex.getMessage());
      }
    }
    try {
      if (!jobs.awaitTermination(waitSeconds, TimeUnit.SECONDS)) {
        log.warn("executions still running after {} s; they stay restartable", waitSeconds);
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    scheduler.shutdown();
    stopped.countDown();
  }

  /** Whether {@link #shutdown} found executions running and asked them to stop. */
  boolean stoppedAny() {
    return stoppedAny;
  }

  /** Blocks until {@link #shutdown} completes. */
  void await() throws InterruptedException {
    stopped.await();
  }
}
