package dev.sluice.app.bench;

import dev.sluice.app.cli.SluiceCli;
import dev.sluice.ingest.aws.AwsClients;
import dev.sluice.ingest.aws.AwsSettings;
import dev.sluice.localaws.LocalAws;
import dev.sluice.sampledata.CorpusGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Incremental ingest: a first {@code ingest} over a generated corpus, then a re-run over the same,
 * unchanged objects. Prints both job durations (from the job repository) and the ratio; the goal is
 * a re-run under 5% of the first run. Usage: {@code IncrementalBenchmark [documents] [MB]}.
 */
public final class IncrementalBenchmark {
  private IncrementalBenchmark() {}

  public static void main(String[] args) throws Exception {
    int docs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    long mb = args.length > 1 ? Long.parseLong(args[1]) : 40;
    Path work = Files.createTempDirectory("sluice-incremental-");
    CorpusGenerator.Summary s =
        CorpusGenerator.generate(CorpusGenerator.Options.of(42, docs, mb * 1_000_000), work);
    System.out.printf(
        Locale.ROOT, "corpus: %d documents, %.1f MB%n", s.documents(), s.bytes() / 1e6);
    String key = "0b0b0b0b-0000-4000-8000-00000000bench";
    try (LocalAws aws =
            LocalAws.start(
                LocalAws.Config.builder()
                    .bucket("raw-docs")
                    .bucket("curated")
                    .kmsKey("alias/bench", key)
                    .build());
        S3Client s3 =
            AwsClients.s3(
                AwsSettings.local(
                    aws.region(), aws.s3Endpoint(), aws.kmsEndpoint(), aws.macieEndpoint()))) {
      Path corpus = work.resolve("corpus");
      try (Stream<Path> files = Files.walk(corpus)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String k = corpus.relativize(f).toString().replace('\\', '/');
          s3.putObject(r -> r.bucket("raw-docs").key(k), RequestBody.fromFile(f));
        }
      }
      List<String> flags = new ArrayList<>();
      flags.add("--sluice.aws.region=" + aws.region());
      flags.add("--sluice.aws.s3-endpoint=" + aws.s3Endpoint());
      flags.add("--sluice.aws.kms-endpoint=" + aws.kmsEndpoint());
      flags.add("--sluice.aws.path-style=true");
      flags.add("--sluice.aws.access-key=bench");
      flags.add("--sluice.aws.secret-key=bench");
      flags.add("--sluice.dataset.bucket=curated");
      flags.add("--sluice.dataset.kms-key-id=" + key);
      flags.add("--sluice.data-dir=" + work.resolve("data"));
      flags.add("--sluice.output-dir=" + work.resolve("out"));
      flags.add("--sluice.job.chunk-size=50");

      Duration first = run("first", flags, work);
      Duration second = run("again", flags, work);
      System.out.printf(
          Locale.ROOT,
          "first ingest: %.1f s; re-run over unchanged data: %.2f s; ratio %.2f%% (goal < 5%%)%n",
          first.toMillis() / 1000.0,
          second.toMillis() / 1000.0,
          100.0 * second.toMillis() / first.toMillis());
    }
  }

  static Duration run(String runId, List<String> flags, Path work) throws Exception {
    List<String> a = new ArrayList<>(List.of("ingest", "s3://raw-docs/", "--run-id", runId));
    a.addAll(flags);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
    int code = new SluiceCli(out, System.err).run(a.toArray(String[]::new));
    System.out.print(sink.toString(StandardCharsets.UTF_8));
    if (code == SluiceCli.FAILED || code == SluiceCli.USAGE) {
      throw new IllegalStateException("run " + runId + " failed with exit code " + code);
    }
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + work.resolve("data").resolve("sluice") + ";AUTO_SERVER=TRUE",
                "sa",
                "");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT e.START_TIME, e.END_TIME FROM BATCH_JOB_EXECUTION e"
                    + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                    + " WHERE p.PARAMETER_NAME = 'run.id' AND p.PARAMETER_VALUE = '"
                    + runId
                    + "' ORDER BY e.JOB_EXECUTION_ID DESC")) {
      rs.next();
      return Duration.between(
          rs.getTimestamp(1).toLocalDateTime(), rs.getTimestamp(2).toLocalDateTime());
    }
  }
}
