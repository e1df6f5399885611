package dev.sluice.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.opentest4j.AssertionFailedError;

/**
 * PostgreSQL and RabbitMQ for tests. They run by default when the servers answer on localhost
 * (PostgreSQL 127.0.0.1:5432 with trust auth, RabbitMQ 127.0.0.1:5672 guest/guest), and skip when
 * they do not; with {@code CI=true} a missing server fails the test instead ({@code .ci/run} starts
 * them first). Each test gets a fresh database and its own queue name, so runs do not collide. Test
 * support.
 */
public final class TestServices {
  private TestServices() {}

  static final SecureRandom RANDOM = new SecureRandom();

  public static String pgHost() {
    return System.getenv().getOrDefault("SLUICE_TEST_PG_HOST", "127.0.0.1");
  }

  public static int pgPort() {
    return Integer.parseInt(System.getenv().getOrDefault("SLUICE_TEST_PG_PORT", "5432"));
  }

  public static String rabbitHost() {
    return System.getenv().getOrDefault("SLUICE_TEST_RABBIT_HOST", "127.0.0.1");
  }

  public static int rabbitPort() {
    return Integer.parseInt(System.getenv().getOrDefault("SLUICE_TEST_RABBIT_PORT", "5672"));
  }

  /** Skips (locally) or fails (CI) when PostgreSQL is not reachable. */
  public static void requirePostgres() {
    require("PostgreSQL", pgHost(), pgPort());
  }

  /** Skips (locally) or fails (CI) when RabbitMQ is not reachable. */
  public static void requireRabbit() {
    require("RabbitMQ", rabbitHost(), rabbitPort());
  }

  private static void require(String what, String host, int port) {
    boolean up = reachable(host, port);
    String msg = what + " not reachable at " + host + ":" + port;
    if (!up && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionFailedError(msg + " (CI=true: .ci/run starts it; services are required)");
    }
    assumeTrue(up, msg + ": skipped (set CI=true to make this a failure)");
  }

  static boolean reachable(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public static String unique(String prefix) {
    byte[] b = new byte[5];
    RANDOM.nextBytes(b);
    return prefix + HexFormat.of().formatHex(b);
  }

  /** A fresh database; dropped by {@link #close()}. */
  public static final class Database implements AutoCloseable {
    public final String name;
    public final String url;

    Database(String name) {
      this.name = name;
      this.url = "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + name + "?user=postgres";
    }

    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url);
    }

    @Override
    public void close() throws SQLException {
      try (Connection c = admin();
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  /** Creates {@code sluice_it_<random>} (requires PostgreSQL: see {@link #requirePostgres}). */
  public static Database newDatabase() throws SQLException {
    requirePostgres();
    Database db = new Database(unique("sluice_it_"));
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + db.name);
    }
    return db;
  }

  static Connection admin() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/postgres?user=postgres");
  }

  /** Spring arguments pointing a process at the test RabbitMQ. */
  public static java.util.List<String> rabbitArgs(String queue) {
    return java.util.List.of(
        "--spring.rabbitmq.host=" + rabbitHost(),
        "--spring.rabbitmq.port=" + rabbitPort(),
        "--spring.rabbitmq.username=guest",
        "--spring.rabbitmq.password=guest",
        "--sluice.remote.queue=" + queue);
  }

  /** Deletes {@code queue} (best effort). */
  public static void deleteQueue(String queue) {
    com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
    f.setHost(rabbitHost());
    f.setPort(rabbitPort());
    try (var c = f.newConnection();
        var ch = c.createChannel()) {
      ch.queueDelete(queue);
    } catch (Exception e) {
      // best effort: a leftover queue of a unique name harms nobody
    }
  }
}
