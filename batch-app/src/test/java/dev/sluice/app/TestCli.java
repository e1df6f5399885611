package dev.sluice.app;

import dev.sluice.app.cli.SluiceCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** Runs the real CLI in-process and reads the job database. Test support. */
final class TestCli {
  private TestCli() {}

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
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

  static Connection h2(Path dataDir) throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.resolve("sluice") + ";AUTO_SERVER=TRUE", "sa", "");
  }

  static long count(Path dataDir, String sql) throws Exception {
    try (Connection c = h2(dataDir);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  static void execute(Path dataDir, String sql) throws Exception {
    try (Connection c = h2(dataDir);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
