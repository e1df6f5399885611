package dev.sluice.app.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Records which process runs an execution, so a later {@code sluice restart} can tell a crashed
 * execution (process gone) from a live one.
 */
public class ProcessInfoListener implements JobExecutionListener {
  public static final String PID = "sluice.pid";
  private final JobRepository repo;

  public ProcessInfoListener(JobRepository repo) {
    this.repo = repo;
  }

  @Override
  public void beforeJob(JobExecution execution) {
    execution.getExecutionContext().putLong(PID, ProcessHandle.current().pid());
    repo.updateExecutionContext(execution);
  }

  /** Whether the process recorded for {@code execution} is still alive on this host. */
  public static boolean isAlive(JobExecution execution) {
    if (!execution.getExecutionContext().containsKey(PID)) {
      return false;
    }
    long pid = execution.getExecutionContext().getLong(PID);
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
