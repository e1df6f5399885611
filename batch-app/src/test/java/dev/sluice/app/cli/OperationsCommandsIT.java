package dev.sluice.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.SluiceApplication;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations commands a platform engineer scripts against: unknown or finished executions are
 * one clear line and exit 2, a run id works wherever an execution number does, and stdout carries
 * only the command's result (a child JVM, so the real logging configuration is in force).
 */
class OperationsCommandsIT {
  static final String RUN = "ops-run-1";

  @TempDir static Path tmp;

  record Result(int code, String out, String err) {}

  static Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--sluice.data-dir=" + tmp.resolve("data"));
    all.add("--sluice.output-dir=" + tmp.resolve("out"));
    int code =
        new SluiceCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(all.toArray(String[]::new));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @BeforeAll
  static void oneFinishedRun() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    for (int i = 0; i < 3; i++) {
      Files.write(corpus.resolve("n" + i + ".txt"), DocumentWriters.txt("Plain note " + i + "."));
    }
    Result r = cli("classify", corpus.toString(), "--run-id", RUN);
    // a dry run without any dataset says what the policy would approve, rather than holding
    // every clean document back as "no dataset covers key"
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(SluiceCli.OK);
    assertThat(r.out()).contains("documents: 3 {APPROVE=3}");
  }

  @Test
  void statusOfAnUnknownExecutionIsOneLineAndExitTwo() {
    for (String id : List.of("987654", "no-such-run")) {
      Result r = cli("status", id);
      assertThat(r.code()).isEqualTo(SluiceCli.USAGE);
      assertThat(r.err()).contains("no job execution or run '" + id + "'");
      assertThat(r.err().lines().filter(l -> !l.isBlank()).count()).isLessThanOrEqualTo(2);
      assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void aRunIdIsAcceptedWhereAnExecutionNumberIs() {
    Result byRun = cli("status", RUN);
    assertThat(byRun.code()).as(byRun.err()).isEqualTo(SluiceCli.OK);
    assertThat(byRun.out()).contains("run:     " + RUN).contains("COMPLETED");
    String number = byRun.out().lines().findFirst().orElseThrow().split(" ")[1];
    Result byNumber = cli("status", number);
    assertThat(byNumber.out()).isEqualTo(byRun.out());
  }

  @Test
  void anExecutionLeftUnknownByARepositoryOutageIsResumedByTheSameCommand() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus-unknown"));
    for (int i = 0; i < 4; i++) {
      Files.write(corpus.resolve("u" + i + ".txt"), DocumentWriters.txt("Unknown note " + i + "."));
    }
    Result first = cli("classify", corpus.toString(), "--run-id", "unknown-run");
    assertThat(first.code()).as(first.err()).isEqualTo(SluiceCli.OK);
    // what a chunk commit during a database outage leaves: Spring Batch would refuse a restart
    String url = "jdbc:h2:file:" + tmp.resolve("data").resolve("sluice") + ";AUTO_SERVER=TRUE";
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        java.sql.Statement st = c.createStatement()) {
      long id;
      try (java.sql.ResultSet rs =
          st.executeQuery("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION")) {
        rs.next();
        id = rs.getLong(1);
      }
      st.executeUpdate(
          "UPDATE BATCH_JOB_EXECUTION SET STATUS = 'UNKNOWN', EXIT_CODE = 'UNKNOWN'"
              + " WHERE JOB_EXECUTION_ID = "
              + id);
      st.executeUpdate(
          "UPDATE BATCH_STEP_EXECUTION SET STATUS = 'UNKNOWN', EXIT_CODE = 'UNKNOWN'"
              + " WHERE JOB_EXECUTION_ID = "
              + id
              + " AND STEP_NAME LIKE 'classify-report%'");
    }
    Result again = cli("classify", corpus.toString(), "--run-id", "unknown-run");
    assertThat(again.err()).contains("was left UNKNOWN by a job-repository outage; marked FAILED");
    assertThat(again.code()).as(again.out() + again.err()).isEqualTo(SluiceCli.OK);
    assertThat(again.out()).contains("COMPLETED");
  }

  @Test
  void versionNamesTheCatalogue() {
    Result r = cli("--version");
    assertThat(r.code()).isEqualTo(SluiceCli.OK);
    assertThat(r.out())
        .matches("(?s)sluice \\S+ \\(commit \\S+, catalogue r[0-9]+-[0-9a-f]{12}, java .*");
  }

  @Test
  void configShowsEffectiveValuesWithTheirOriginAndMasksSecrets() {
    Result r =
        cli(
            "config",
            "--sluice.job.chunk-size=7",
            "--sluice.aws.access-key=AKIDEXAMPLEVALUE",
            "--sluice.aws.secret-key=wJalrSECRETVALUEKEY");
    assertThat(r.code()).as(r.err()).isEqualTo(SluiceCli.OK);
    assertThat(r.out())
        .contains("sluice.job.chunk-size = 7  # command line")
        .contains("sluice.aws.secret-key = ****  # command line")
        .contains("sluice.aws.access-key = ****")
        .contains("sluice.macie.mode = off  # ")
        .contains("application.yml")
        .doesNotContain("wJalrSECRETVALUEKEY")
        .doesNotContain("AKIDEXAMPLEVALUE");
    assertThat(r.out().lines()).allMatch(l -> l.matches("[a-z][a-z0-9.\\[\\]*-]* = .*  # .*"));
  }

  @Test
  void stopOrRestartOfAFinishedExecutionIsAUsageError() {
    Result stop = cli("stop", RUN);
    assertThat(stop.code()).isEqualTo(SluiceCli.USAGE);
    assertThat(stop.err()).contains("is not running (COMPLETED)");
    Result restart = cli("restart", RUN);
    assertThat(restart.code()).isEqualTo(SluiceCli.USAGE);
    assertThat(restart.err()).contains("COMPLETED and cannot be restarted");
  }

  @Test
  void aConfigurationErrorInARealProcessIsTwoLinesAtMostWithoutAStackTrace() throws Exception {
    Path stdout = tmp.resolve("cfg-stdout.txt");
    Path stderr = tmp.resolve("cfg-stderr.txt");
    Process p =
        child(List.of("classify", tmp.resolve("corpus").toString(), "--sluice.job.chunk-size=0"))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(stderr);
    assertThat(p.exitValue()).as(err).isEqualTo(SluiceCli.USAGE);
    assertThat(err).contains("sluice.job.chunk-size").doesNotContain("\tat ");
    assertThat(err.lines().filter(l -> !l.isBlank()).count()).as(err).isLessThanOrEqualTo(2);
  }

  static ProcessBuilder child(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SluiceApplication.class.getName());
    cmd.addAll(args);
    cmd.add("--sluice.data-dir=" + tmp.resolve("data"));
    cmd.add("--sluice.output-dir=" + tmp.resolve("out"));
    return new ProcessBuilder(cmd);
  }

  @Test
  void stdoutOfReportDiffJsonIsOnlyJsonInARealProcess() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SluiceApplication.class.getName());
    cmd.addAll(List.of("report", "diff", RUN, RUN, "--json"));
    cmd.add("--sluice.data-dir=" + tmp.resolve("data"));
    cmd.add("--sluice.output-dir=" + tmp.resolve("out"));
    cmd.add("--logging.level.dev.sluice=DEBUG"); // logs exist, and must not reach stdout
    Path stdout = tmp.resolve("stdout.txt");
    Path stderr = tmp.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(stderr)).isEqualTo(SluiceCli.OK);
    JsonNode json = new ObjectMapper().readTree(Files.readString(stdout));
    assertThat(json.isObject()).as(Files.readString(stdout)).isTrue();
  }
}
