package dev.sluice.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs idempotent schema statements ({@code CREATE ... IF NOT EXISTS}) that several processes may
 * run at once: remote workers sharing one PostgreSQL database start together, and PostgreSQL's
 * {@code IF NOT EXISTS} is not safe against a concurrent creation (it fails on the catalog's unique
 * index). A failed attempt is repeated, and then sees what the other process created.
 */
public final class Ddl {
  private static final int ATTEMPTS = 5;

  private Ddl() {}

  /**
   * Runs {@code statements} in order.
   *
   * @throws SQLException the last failure, when every attempt failed
   */
  public static void run(DataSource dataSource, List<String> statements) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection();
          Statement st = c.createStatement()) {
        for (String sql : statements) {
          st.execute(sql);
        }
        return;
      } catch (SQLException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(50L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
