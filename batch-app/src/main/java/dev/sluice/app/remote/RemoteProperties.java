package dev.sluice.app.remote;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Remote partitioning ({@code sluice ingest|classify --workers remote} and {@code sluice worker}).
 * The broker and the shared database come from Spring's own {@code spring.rabbitmq.*} and {@code
 * spring.datasource.*}.
 *
 * @param role {@code none} (the embedded default: one process, no broker), {@code manager} or
 *     {@code worker}; set by the command line
 * @param queue the RabbitMQ queue partition requests go through (default exchange, routing key =
 *     queue name); manager and workers must agree
 * @param partitions how many key ranges the manager splits the source listing into
 * @param pollInterval how often the manager reads the job repository for finished partitions
 * @param partitionTimeout how long the manager waits for all partitions; the ones unfinished then
 *     are named (with the worker that last ran them) and marked failed, so {@code sluice restart}
 *     re-sends exactly those
 * @param workerThreads partitions one worker process runs at a time
 */
@ConfigurationProperties("sluice.remote")
public record RemoteProperties(
    @DefaultValue("none") String role,
    @DefaultValue("sluice.partition.requests") String queue,
    @DefaultValue("16") int partitions,
    @DefaultValue("2s") Duration pollInterval,
    @DefaultValue("6h") Duration partitionTimeout,
    @DefaultValue("1") int workerThreads) {

  public static final String NONE = "none";
  public static final String MANAGER = "manager";
  public static final String WORKER = "worker";

  /** Checks the values; throws {@link IllegalArgumentException} naming the property. */
  public RemoteProperties {
    if (!List.of(NONE, MANAGER, WORKER).contains(role)) {
      throw new IllegalArgumentException(
          "sluice.remote.role: must be none, manager or worker (was '" + role + "')");
    }
    if (queue == null || !queue.matches("[A-Za-z0-9._:-]{1,255}")) {
      throw new IllegalArgumentException(
          "sluice.remote.queue: 1-255 of [A-Za-z0-9._:-] (was '" + queue + "')");
    }
    if (partitions < 1 || partitions > 100_000) {
      throw new IllegalArgumentException(
          "sluice.remote.partitions: must be between 1 and 100000 (was " + partitions + ")");
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("sluice.remote.poll-interval: must be positive");
    }
    if (partitionTimeout.isNegative() || partitionTimeout.isZero()) {
      throw new IllegalArgumentException("sluice.remote.partition-timeout: must be positive");
    }
    if (workerThreads < 1 || workerThreads > 256) {
      throw new IllegalArgumentException(
          "sluice.remote.worker-threads: must be between 1 and 256 (was " + workerThreads + ")");
    }
  }
}
