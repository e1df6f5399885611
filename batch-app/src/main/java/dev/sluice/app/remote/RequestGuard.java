package dev.sluice.app.remote;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * Drops partition requests that must not run (before Spring Batch marks them started): a request
 * left in the queue by a run that has since failed, been timed out or restarted, and a second
 * delivery of a partition that already finished. A request for an unfinished partition of a running
 * job is taken: {@code STARTED} when its worker died (SIGKILL) and the broker handed it on, {@code
 * FAILED} or {@code STOPPED} when its worker was stopped (SIGTERM, a scale-down) and put it back;
 * either way the step resumes from the last committed chunk. (A partition that fails with an
 * exception is acknowledged, so it never comes back here; a restart of the run re-sends it.)
 */
public class RequestGuard {
  private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);
  private final JobRepository repo;

  public RequestGuard(JobRepository repo) {
    this.repo = repo;
  }

  public boolean wanted(StepExecutionRequest request) {
    StepExecution se = repo.getStepExecution(request.getStepExecutionId());
    if (se == null) {
      log.warn("dropping request {}: no such step execution in this repository", request);
      return false;
    }
    BatchStatus job = se.getJobExecution().getStatus();
    BatchStatus step = se.getStatus();
    boolean jobRunning = job == BatchStatus.STARTING || job == BatchStatus.STARTED;
    boolean stepPending =
        step == BatchStatus.STARTING
            || step == BatchStatus.STARTED
            || step == BatchStatus.FAILED
            || step == BatchStatus.STOPPED;
    if (!jobRunning || !stepPending) {
      log.warn(
          "dropping stale request for {} (step {}, job execution {} {})",
          se.getStepName(),
          step,
          se.getJobExecutionId(),
          job);
      return false;
    }
    if (step != BatchStatus.STARTING) {
      log.warn(
          "{} was started by {} ({}); resuming it", se.getStepName(), WorkerIdentity.of(se), step);
    }
    log.info("running {} of job execution {}", se.getStepName(), se.getJobExecutionId());
    return true;
  }
}
