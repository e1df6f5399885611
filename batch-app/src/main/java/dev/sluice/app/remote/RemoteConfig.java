package dev.sluice.app.remote;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * Spring Batch remote partitioning over RabbitMQ, active only with {@code sluice.remote.role} =
 * {@code manager} or {@code worker}. The embedded default has none of these beans, and the AMQP
 * auto-configuration is excluded there (see {@code application.yml}), so it never opens a broker
 * connection.
 *
 * <p>Partition requests ({@link StepExecutionRequest}: step name and step execution id) go through
 * one durable queue; a worker takes one at a time (prefetch 1) and acknowledges it after the whole
 * partition, so the broker hands the request of a worker that died to another worker, which resumes
 * the same step execution from its last committed chunk. The manager learns that partitions
 * finished by polling the shared job repository.
 */
public final class RemoteConfig {
  private RemoteConfig() {}

  /** The manager: partition requests go from the channel to the queue. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "sluice.remote.role", havingValue = RemoteProperties.MANAGER)
  @EnableBatchIntegration
  public static class Manager {
    @Bean
    Queue partitionRequestsQueue(RemoteProperties p) {
      return QueueBuilder.durable(p.queue()).build();
    }

    @Bean
    SimpleMessageConverter partitionRequestConverter() {
      return converter();
    }

    @Bean
    DirectChannel partitionRequests() {
      return new DirectChannel();
    }

    @Bean
    IntegrationFlow partitionRequestsOutbound(
        DirectChannel partitionRequests, RabbitTemplate rabbit, RemoteProperties p) {
      return IntegrationFlow.from(partitionRequests)
          .handle(Amqp.outboundAdapter(rabbit).routingKey(p.queue()))
          .get();
    }

    @Bean
    RemoteManagerSteps remoteManagerSteps(
        RemotePartitioningManagerStepBuilderFactory factory,
        DirectChannel partitionRequests,
        RemoteProperties p,
        JobRepository repo) {
      return new RemoteManagerSteps(factory, partitionRequests, p, repo);
    }
  }

  /** A worker: consumes partition requests and runs them against the shared job repository. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "sluice.remote.role", havingValue = RemoteProperties.WORKER)
  @EnableBatchIntegration
  public static class Worker {
    @Bean
    Queue partitionRequestsQueue(RemoteProperties p) {
      return QueueBuilder.durable(p.queue()).build();
    }

    @Bean
    SimpleMessageConverter partitionRequestConverter() {
      return converter();
    }

    @Bean
    DirectChannel partitionRequests() {
      return new DirectChannel();
    }

    /** Fails the start with one clear message when the database or the broker is unreachable. */
    @Bean
    Connectivity workerConnectivity(DataSource dataSource, ConnectionFactory rabbit) {
      return Connectivity.check(dataSource, rabbit);
    }

    @Bean
    RequestGuard requestGuard(JobRepository repo) {
      return new RequestGuard(repo);
    }

    @Bean
    IntegrationFlow partitionRequestsInbound(
        Connectivity checked,
        ConnectionFactory rabbit,
        SimpleMessageConverter partitionRequestConverter,
        DirectChannel partitionRequests,
        RequestGuard guard,
        RemoteProperties p) {
      return IntegrationFlow.from(
              Amqp.inboundAdapter(rabbit, p.queue())
                  .messageConverter(partitionRequestConverter)
                  .configureContainer(
                      c ->
                          c.prefetchCount(1)
                              .concurrentConsumers(p.workerThreads())
                              .defaultRequeueRejected(false)))
          .filter(StepExecutionRequest.class, guard::wanted, f -> f.discardChannel("nullChannel"))
          .channel(partitionRequests)
          .get();
    }
  }

  /** Java serialization, restricted to the one class a request carries. */
  static SimpleMessageConverter converter() {
    SimpleMessageConverter c = new SimpleMessageConverter();
    c.setAllowedListPatterns(List.of(StepExecutionRequest.class.getName()));
    return c;
  }
}
