package dev.sluice.app.remote;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.messaging.MessageChannel;

/**
 * Builds the manager side of a partitioned step: the partitions are sent as requests to the
 * workers, and the manager polls the shared job repository until every partition has finished or
 * {@code sluice.remote.partition-timeout} has passed.
 */
public class RemoteManagerSteps {
  private final RemotePartitioningManagerStepBuilderFactory factory;
  private final MessageChannel requests;
  private final RemoteProperties props;
  private final JobRepository repo;

  public RemoteManagerSteps(
      RemotePartitioningManagerStepBuilderFactory factory,
      MessageChannel requests,
      RemoteProperties props,
      JobRepository repo) {
    this.factory = factory;
    this.requests = requests;
    this.props = props;
    this.repo = repo;
  }

  public RemoteProperties properties() {
    return props;
  }

  public Step managerStep(String name, String workerStep, Partitioner partitioner) {
    var b =
        factory
            .get(name)
            .partitioner(workerStep, partitioner)
            .gridSize(props.partitions())
            .outputChannel(requests)
            .pollInterval(props.pollInterval().toMillis())
            .timeout(props.partitionTimeout().toMillis());
    b.listener(new PartitionTimeout(repo, workerStep, props));
    return b.build();
  }

  /** The failure of a manager step whose partitions did not all finish in time. */
  public static final class PartitionTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PartitionTimeoutException(String message) {
      super(message);
    }
  }

  /**
   * After a timeout: names the unfinished partitions and the worker that last ran each, and marks
   * them failed, so that a restart of the run re-sends exactly those (and workers drop the stale
   * requests).
   */
  static final class PartitionTimeout implements StepExecutionListener {
    private static final Logger log = LoggerFactory.getLogger(PartitionTimeout.class);
    private final JobRepository repo;
    private final String workerStep;
    private final RemoteProperties props;

    PartitionTimeout(JobRepository repo, String workerStep, RemoteProperties props) {
      this.repo = repo;
      this.workerStep = workerStep;
      this.props = props;
    }

    @Override
    public ExitStatus afterStep(StepExecution manager) {
      boolean timedOut =
          manager.getFailureExceptions().stream().anyMatch(PartitionTimeout::isTimeout);
      if (!timedOut) {
        return null;
      }
      JobExecution job = repo.getJobExecution(manager.getJobExecutionId());
      List<String> unfinished = new ArrayList<>();
      for (StepExecution se : job.getStepExecutions()) {
        if (!se.getStepName().startsWith(workerStep + ":") || !se.getStatus().isRunning()) {
          continue;
        }
        String what =
            se.getStatus() == BatchStatus.STARTING
                ? "never picked up by a worker"
                : "started by "
                    + WorkerIdentity.of(se)
                    + ", last update "
                    + (se.getLastUpdated() == null ? "-" : se.getLastUpdated().withNano(0))
                    + ", "
                    + se.getWriteCount()
                    + " written";
        unfinished.add(se.getStepName() + " (" + what + ")");
        se.setStatus(BatchStatus.FAILED);
        se.setExitStatus(
            ExitStatus.FAILED.addExitDescription(
                "partition timeout: not finished after " + props.partitionTimeout()));
        se.setEndTime(LocalDateTime.now());
        repo.update(se);
      }
      String msg =
          "partition timeout after "
              + props.partitionTimeout()
              + ": "
              + unfinished.size()
              + " partition(s) unfinished, their worker vanished or is stuck: "
              + String.join("; ", unfinished)
              + ". Start workers and run 'sluice restart "
              + manager.getJobExecutionId()
              + "' to re-send them.";
      log.error(msg);
      manager.addFailureException(new PartitionTimeoutException(msg));
      return ExitStatus.FAILED.addExitDescription(msg);
    }

    private static boolean isTimeout(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof TimeoutException) {
          return true;
        }
      }
      return false;
    }
  }
}
