package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.cli.SluiceCli;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The job repository and lineage on PostgreSQL instead of H2, in a fresh database. Runs when
 * PostgreSQL answers on localhost (or {@code SLUICE_TEST_POSTGRES_URL} names a server); skipped
 * otherwise, and a failure with {@code CI=true} (see {@link TestServices}).
 */
class PostgresRepositoryIT {
  @TempDir Path tmp;

  @Test
  void ingestAndIncrementalRerunUseThePostgresRepository() throws Exception {
    String configured = System.getenv("SLUICE_TEST_POSTGRES_URL");
    TestServices.Database db =
        configured != null && !configured.isBlank() ? null : TestServices.newDatabase();
    String url = db != null ? db.url : configured;
    try {
      run(url);
    } finally {
      if (db != null) {
        db.close();
      }
    }
  }

  private void run(String url) throws Exception {
    String run = "pg-" + System.nanoTime();
    try (LocalStack stack = new LocalStack()) {
      for (int i = 0; i < 5; i++) {
        byte[] body = DocumentWriters.txt("Postgres note " + i + ".");
        String key = "pg/note-" + i + ".txt";
        stack.s3.putObject(r -> r.bucket(LocalStack.RAW).key(key), RequestBody.fromBytes(body));
      }
      List<String> args = new ArrayList<>(List.of("ingest", "s3://" + LocalStack.RAW + "/pg/"));
      args.addAll(List.of("--run-id", run));
      args.addAll(stack.flags(tmp.toString(), tmp.resolve("out").toString(), LocalStack.KEY_ID));
      args.add("--spring.datasource.url=" + url);
      TestCli.Run first = TestCli.run(args.toArray(String[]::new));
      assertThat(first.code()).as(first.out() + first.err()).isEqualTo(SluiceCli.OK);

      args.set(args.indexOf(run), run + "-again");
      TestCli.Run again = TestCli.run(args.toArray(String[]::new));
      assertThat(again.code()).isEqualTo(SluiceCli.OK);

      try (Connection c = DriverManager.getConnection(url);
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT COUNT(*) FROM sluice_lineage WHERE run_id = '"
                      + run
                      + "'"
                      + " AND decision = 'APPROVE'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(5);
      }
      try (Connection c = DriverManager.getConnection(url);
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT COUNT(*) FROM sluice_lineage WHERE run_id = '" + run + "-again'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("unchanged sources are skipped").isZero();
      }
    }
  }
}
