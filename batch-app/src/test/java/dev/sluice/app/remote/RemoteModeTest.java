package dev.sluice.app.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.SluiceApplication;
import dev.sluice.app.cli.SluiceCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default has no broker beans at all; a worker without its database or its broker
 * stops at once with exit 2 and one line naming what it could not reach. No services needed.
 */
class RemoteModeTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new SluiceCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void theEmbeddedDefaultHasNoAmqpBeans() {
    SpringApplication app = new SpringApplication(SluiceApplication.class);
    try (ConfigurableApplicationContext ctx = app.run("--sluice.data-dir=" + tmp.resolve("data"))) {
      assertThat(
              ctx.getBeanNamesForType(
                  org.springframework.amqp.rabbit.connection.ConnectionFactory.class))
          .isEmpty();
      assertThat(ctx.getBeanNamesForType(org.springframework.amqp.core.AmqpTemplate.class))
          .isEmpty();
      assertThat(ctx.getBeanNamesForType(RemoteManagerSteps.class)).isEmpty();
    }
  }

  @Test
  void aWorkerWithoutItsDatabaseStopsAtOnce() throws Exception {
    Run r =
        cli(
            "worker",
            "--sluice.data-dir=" + tmp.resolve("data"),
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closedPort() + "/sluice",
            "--spring.rabbitmq.port=" + closedPort());
    assertThat(r.code()).as(r.err()).isEqualTo(SluiceCli.USAGE);
    assertThat(r.err().strip()).startsWith("sluice: cannot reach the database: ");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void aWorkerWithoutItsBrokerStopsAtOnce() throws Exception {
    int port = closedPort();
    Run r =
        cli(
            "worker",
            "--sluice.data-dir=" + tmp.resolve("data"),
            "--spring.datasource.url=jdbc:h2:mem:worker-no-broker",
            "--spring.rabbitmq.host=127.0.0.1",
            "--spring.rabbitmq.port=" + port);
    assertThat(r.code()).as(r.err()).isEqualTo(SluiceCli.USAGE);
    assertThat(r.err().strip())
        .startsWith("sluice: cannot reach the RabbitMQ broker at 127.0.0.1:" + port + ": ");
    assertThat(r.err().strip().lines()).hasSize(1);
  }
}
