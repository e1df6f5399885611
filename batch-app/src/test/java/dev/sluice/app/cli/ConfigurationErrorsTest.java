package dev.sluice.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad configuration stops at start with exit code 2 and a message naming the field. */
class ConfigurationErrorsTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--sluice.job.chunk-size=0 | sluice.job.chunk-size: must be between 1 and 10000 (was 0)",
        "--sluice.job.threads=-1 | sluice.job.threads: must be between 0 (= cores) and 256 (was -1)",
        "--sluice.macie.mode=sometimes | sluice.macie.mode: must be off, advisory or required (was 'sometimes')",
        "--sluice.aws.s3-endpoint=ftp://x | sluice.aws.s3-endpoint: must be an http(s) URL (was 'ftp://x')",
        "--sluice.aws.access-key=abc | sluice.aws.access-key: access-key and secret-key must be set together",
        "--sluice.aws.expected-bucket-owner=acme | sluice.aws.expected-bucket-owner: must be a 12-digit AWS account id",
        "--sluice.sink.layout=flat/ | sluice.sink.layout: must contain {dataset} and {run} and end with '/'",
        "--sluice.job.chunk-size=lots | invalid configuration: sluice.job.chunk-size = 'lots'",
        "--sluice.schedules[0].name=n | sluice.schedules[0].cron: not a valid cron expression",
        "--sluice.job.chunk-sise=5 | sluice.job.chunk-sise: unknown setting; did you mean sluice.job.chunk-size?",
        "--sluice.macie.mod=off | sluice.macie.mod: unknown setting; did you mean sluice.macie.mode?",
        "--sluice.bogus=1 | sluice.bogus: unknown setting",
      })
  void invalidValueStopsAtStartNamingTheField(String flag, String message) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new SluiceCli(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run("classify", tmp.toString(), "--sluice.data-dir=" + tmp.resolve("data"), flag);
    assertThat(code).isEqualTo(SluiceCli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'defaults:\n  truncated: APPROVE\n' | defaults.truncated: must be QUARANTINE or REJECT",
        "'' | rules[0].identifiers[0]: unknown identifier 'USA_SOCIAL_SECURITY_NUMBR'",
      })
  void aFailOpenPolicyStopsAtStartNamingTheField(String defaults, String message) throws Exception {
    java.nio.file.Path policy = tmp.resolve("policy.yaml");
    java.nio.file.Files.writeString(
        policy,
        "version: 1\n"
            + defaults.replace("\\n", "\n")
            + "rules:\n  - {id: x, identifiers: [USA_SOCIAL_SECURITY_NUMBR], action: REJECT}\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new SluiceCli(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(
                "classify",
                tmp.toString(),
                "--policy",
                policy.toString(),
                "--sluice.data-dir=" + tmp.resolve("data"));
    assertThat(code).isEqualTo(SluiceCli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(message).doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "classify | classify needs exactly one source",
        "classify s3://Bad_Bucket/ | source: invalid bucket name 'Bad_Bucket'",
        "classify /no/such/dir | source: no such file or folder: /no/such/dir",
        "ingest TMP --threads 0 | --threads must be between 1 and 256",
        "ingest TMP --date 2026-13-01 | --date must be yyyy-mm-dd",
        "frobnicate | unknown command 'frobnicate'",
        "classify TMP --bogus | unknown option --bogus",
      })
  void badCommandLinesAreUsageErrors(String line, String message) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = line.replace("TMP", tmp.toString()).split(" ");
    int code =
        new SluiceCli(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    assertThat(code).isEqualTo(SluiceCli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
  }
}
