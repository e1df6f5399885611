package dev.sluice.app.remote;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Proof that a worker reached the shared database and the broker at start. A worker without either
 * cannot do anything useful, so it stops at once with one message instead of retrying in the
 * background.
 */
public final class Connectivity {
  private Connectivity() {}

  /** Thrown when the database or the broker cannot be reached; the message says which and where. */
  public static final class UnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static Connectivity check(DataSource dataSource, ConnectionFactory rabbit) {
    try (Connection c = dataSource.getConnection()) {
      if (!c.isValid(10)) {
        throw new SQLException("connection not valid");
      }
    } catch (SQLException | RuntimeException e) {
      throw new UnreachableException("cannot reach the database: " + root(e), e);
    }
    String where = rabbit.getHost() + ":" + rabbit.getPort() + rabbitVhost(rabbit);
    try {
      rabbit.createConnection().close();
    } catch (RuntimeException e) {
      throw new UnreachableException(
          "cannot reach the RabbitMQ broker at " + where + ": " + root(e), e);
    }
    return new Connectivity();
  }

  private static String rabbitVhost(ConnectionFactory rabbit) {
    String v = rabbit.getVirtualHost();
    return v == null || v.equals("/") ? "" : " (vhost " + v + ")";
  }

  /** The innermost message, e.g. {@code Connection refused}. */
  public static String root(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
  }
}
