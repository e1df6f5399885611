package dev.sluice.app.remote;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Records which worker process runs a partition ({@code host/pid} in the partition's execution
 * context), so the manager can name the worker of a partition that never finished.
 */
public class WorkerIdentity implements StepExecutionListener {
  public static final String KEY = "sluice.worker";
  private final JobRepository repo;

  public WorkerIdentity(JobRepository repo) {
    this.repo = repo;
  }

  /** This process, as {@code host/pid}. */
  public static String self() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
    }
    return host + "/" + ProcessHandle.current().pid();
  }

  /** The worker recorded for {@code se}, or {@code no worker}. */
  public static String of(StepExecution se) {
    return se.getExecutionContext().containsKey(KEY)
        ? "worker " + se.getExecutionContext().getString(KEY)
        : "no worker";
  }

  @Override
  public void beforeStep(StepExecution se) {
    // a partition handed on after its worker was stopped kept that worker's FAILED exit status,
    // which would stick to the partition even once it completes here
    se.setExitStatus(ExitStatus.EXECUTING);
    se.getExecutionContext().putString(KEY, self());
    repo.updateExecutionContext(se);
  }
}
