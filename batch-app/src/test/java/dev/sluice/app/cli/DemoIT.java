package dev.sluice.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start's {@code ./sluice demo} over a small corpus: both runs complete on the emulators,
 * and the demo prints the plain commands and writes the settings it used, so each step can be
 * repeated by hand against another bucket.
 */
class DemoIT {
  @TempDir Path tmp;

  @Test
  void demoRunsBothStepsAndPrintsTheCommandsAndSettingsItUsed() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus/support"));
    Files.writeString(corpus.resolve("faq.txt"), "How do I reset the agent? Restart it.");
    Files.writeString(
        corpus.resolve("ticket.txt"), "Customer wrote from jo.arden@example-corp.test today.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new SluiceCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(
                "demo",
                "--corpus",
                tmp.resolve("corpus").toString(),
                "--macie-findings",
                tmp.resolve("none").toString(),
                "--output-dir",
                tmp.resolve("out").toString(),
                "--sluice.data-dir=" + tmp.resolve("data"));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed + err).isEqualTo(SluiceCli.OK);
    assertThat(printed).contains("Uploaded 2 sample documents").contains("Done. Where things are:");

    Path config = tmp.resolve("out/demo/sluice-demo.properties").toAbsolutePath();
    assertThat(printed)
        .contains("./sluice classify s3://raw-docs/ --config " + config)
        .contains("./sluice ingest s3://raw-docs/ --config " + config + " --force")
        .contains("./sluice grants support-kb --config " + config + " --key-arn arn:aws:kms:");
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(config)) {
      p.load(r);
    }
    assertThat(p.getProperty("sluice.dataset.name")).isEqualTo("support-kb");
    assertThat(p.getProperty("sluice.dataset.bucket")).isEqualTo("curated");
    assertThat(p.getProperty("sluice.aws.s3-endpoint")).startsWith("http://127.0.0.1:");
    assertThat(Files.readString(config)).contains("# local emulator only:");

    // the printed grants command runs as written (grants needs no emulator)
    ByteArrayOutputStream grantsOut = new ByteArrayOutputStream();
    int grants =
        new SluiceCli(
                new PrintStream(grantsOut, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .run(
                "grants",
                "support-kb",
                "--config",
                config.toString(),
                "--key-arn",
                printed.replaceAll("(?s).*--key-arn (\\S+).*", "$1"),
                "--sluice.data-dir=" + tmp.resolve("data"));
    assertThat(grants).isEqualTo(SluiceCli.OK);
    assertThat(grantsOut.toString(StandardCharsets.UTF_8)).contains("arn:aws:s3:::curated");
  }
}
