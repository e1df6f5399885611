package dev.sluice.app.job;

import dev.sluice.app.config.EffectiveSettings;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Records which process runs an execution, so a later {@code sluice restart} can tell a crashed
 * execution (process gone) from a live one, and the run's effective settings, so a restart can
 * refuse to resume under different ones.
 */
public class ProcessInfoListener implements JobExecutionListener {
  public static final String PID = "sluice.pid";

  /** The run's effective settings ({@link EffectiveSettings#json()}), kept over restarts. */
  public static final String SETTINGS = "sluice.settings";

  /**
   * Set by a restart that was allowed to change settings: the recorded values of the settings that
   * changed, as {@link EffectiveSettings#json()}.
   */
  public static final String CHANGED = "sluice.settings.changed";

  private final JobRepository repo;
  private final EffectiveSettings settings;

  public ProcessInfoListener(JobRepository repo, EffectiveSettings settings) {
    this.repo = repo;
    this.settings = settings;
  }

  @Override
  public void beforeJob(JobExecution execution) {
    execution.getExecutionContext().putLong(PID, ProcessHandle.current().pid());
    if (!execution.getExecutionContext().containsKey(SETTINGS)) {
      execution.getExecutionContext().putString(SETTINGS, settings.json());
    }
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
