package dev.sluice.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders report.html in headless Chromium (Debian package {@code chromium}) and checks that the
 * inline script ran without errors and the totals show. Skipped when {@code /usr/bin/chromium} is
 * absent. Set {@code -Dsluice.report.screenshot=<file.png>} to keep a screenshot.
 */
class HtmlReportChromiumTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @Test
  void reportLoadsInHeadlessChromiumWithoutErrorsAndShowsTotals(@TempDir Path dir)
      throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "/usr/bin/chromium not installed (apt-get install -y chromium); skipping browser check");
    Path html = HtmlReportTest.writeReport(dir);

    String dom = chromium(dir, "--dump-dom", html.toUri().toString());

    String htmlTag = dom.substring(dom.indexOf("<html"), dom.indexOf('>', dom.indexOf("<html")));
    assertThat(htmlTag).contains("data-js-ready=\"1\"").doesNotContain("data-js-error");
    assertThat(dom).contains("Showing 5 of 5 documents");
    assertThat(dom)
        .contains("Document table: 5 documents (APPROVE 2, QUARANTINE 1, REDACT 1, REJECT 1)");
    assertThat(dom).contains("id=\"total-documents\"><span class=\"n\">5</span>");
    // the planted script tag stayed text
    assertThat(dom).doesNotContain("<script>alert");

    String shot = System.getProperty("sluice.report.screenshot", "");
    if (!shot.isEmpty()) {
      chromium(
          dir,
          "--screenshot=" + Path.of(shot).toAbsolutePath(),
          "--window-size=1280,2200",
          "--hide-scrollbars",
          html.toUri().toString());
      assertThat(Path.of(shot)).isNotEmptyFile();
    }
  }

  static String chromium(Path dir, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile")));
    cmd.addAll(List.of(args));
    long n = System.nanoTime();
    File err = dir.resolve("chromium-" + n + ".err").toFile();
    File out = dir.resolve("chromium-" + n + ".out").toFile();
    Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
    p.getOutputStream().close();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s");
    }
    assertThat(p.exitValue())
        .as("chromium exit; stderr: %s", Files.readString(err.toPath()))
        .isZero();
    return Files.readString(out.toPath(), StandardCharsets.UTF_8);
  }
}
