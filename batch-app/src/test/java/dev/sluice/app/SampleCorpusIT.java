package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.cli.SluiceCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Given the labelled sample corpus in S3 and its Macie findings, when {@code classify} runs with
 * Macie advisory, then no document the ground truth says must be held back is approved (fail
 * closed), and the decisions agree with the ground truth. Prints the disagreements.
 */
class SampleCorpusIT {
  static final Path ROOT =
      Path.of(System.getProperty("user.dir")).getParent().resolve("sample-data");

  @TempDir Path tmp;

  @Test
  void defaultPolicyDecisionsMatchTheGroundTruthAndNothingSensitiveIsApproved() throws Exception {
    Map<String, String> expected = expectedDecisions();
    try (LocalStack stack = new LocalStack()) {
      Path corpus = ROOT.resolve("corpus");
      try (Stream<Path> files = Files.walk(corpus)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String key = corpus.relativize(f).toString().replace('\\', '/');
          stack.s3.putObject(r -> r.bucket(LocalStack.RAW).key(key), RequestBody.fromFile(f));
        }
      }
      stack.aws.macie().loadFindings(ROOT.resolve("macie/findings"));
      List<String> args = new ArrayList<>(List.of("classify", "s3://" + LocalStack.RAW + "/"));
      args.addAll(List.of("--run-id", "corpus-1", "--macie", "advisory"));
      // the ground truth's oversized example assumes a 256 KiB object limit
      args.add("--sluice.extraction.max-object-bytes=262144");
      Path config = ROOT.resolve("config");
      args.add(
          "--sluice.classifiers.custom-identifiers=" + config.resolve("custom-identifiers.json"));
      args.add("--sluice.classifiers.allow-lists=" + config.resolve("allow-list.txt"));
      args.add("--sluice.classifiers.deny-terms=" + config.resolve("deny-terms.txt"));
      args.addAll(
          stack.flags(
              tmp.resolve("data").toString(), tmp.resolve("out").toString(), LocalStack.KEY_ID));
      TestCli.Run run = TestCli.run(args.toArray(String[]::new));
      assertThat(run.code()).as(run.out() + run.err()).isIn(SluiceCli.OK, SluiceCli.HELD_BACK);
    }
    JsonNode report =
        new ObjectMapper().readTree(tmp.resolve("out/reports/corpus-1/report.json").toFile());
    Map<String, String> actual = new TreeMap<>();
    for (JsonNode d : report.path("documents")) {
      actual.put(
          d.path("source").asText().replace("s3://" + LocalStack.RAW + "/", ""),
          d.path("decision").asText());
    }
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());

    List<String> falseApprovals = new ArrayList<>();
    List<String> disagreements = new ArrayList<>();
    expected.forEach(
        (doc, want) -> {
          String got = actual.get(doc);
          if (!want.equals(got)) {
            disagreements.add(doc + ": expected " + want + ", got " + got);
          }
          boolean wantHeld = !want.equals("APPROVE") && !want.equals("REDACT");
          boolean gotWritten = "APPROVE".equals(got) || "REDACT".equals(got);
          if ((wantHeld && gotWritten) || (want.equals("REDACT") && "APPROVE".equals(got))) {
            falseApprovals.add(doc + ": expected " + want + ", got " + got);
          }
        });
    System.out.printf(
        "sample corpus: %d documents, %d agree with ground truth (%.1f%%)%n",
        expected.size(),
        expected.size() - disagreements.size(),
        100.0 * (expected.size() - disagreements.size()) / expected.size());
    disagreements.forEach(d -> System.out.println("  " + d));
    assertThat(falseApprovals).as("documents written that must not be").isEmpty();
  }

  static Map<String, String> expectedDecisions() throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path gt = ROOT.resolve("ground-truth");
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(gt)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode n = json.readTree(f.toFile());
        out.put(n.path("document").asText(), n.path("expectedDecision").asText());
      }
    }
    return out;
  }
}
