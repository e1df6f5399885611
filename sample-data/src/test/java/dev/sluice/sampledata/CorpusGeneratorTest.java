package dev.sluice.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sampledata.CorpusGenerator.Options;
import dev.sluice.sampledata.CorpusGenerator.Summary;
import dev.sluice.sampledata.corpus.Catalog;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {

  @TempDir static Path tmp;
  static Summary first;
  static final Options OPTIONS =
      new Options(7, 100, 1_500_000, CorpusGenerator.DEFAULT_MIX, 0.3, 0.03);

  @BeforeAll
  static void generateOnce() throws IOException {
    first = CorpusGenerator.generate(OPTIONS, tmp.resolve("a"));
  }

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
    CorpusGenerator.generate(OPTIONS, tmp.resolve("b"));
    assertThat(treeHash(tmp.resolve("b"))).isEqualTo(treeHash(tmp.resolve("a")));
    Options other = new Options(8, 100, 1_500_000, CorpusGenerator.DEFAULT_MIX, 0.3, 0.03);
    CorpusGenerator.generate(other, tmp.resolve("c"));
    assertThat(treeHash(tmp.resolve("c"))).isNotEqualTo(treeHash(tmp.resolve("a")));
  }

  @Test
  void coversEveryIdentifierAndManyFormats() throws IOException {
    assertThat(first.typesCovered()).containsAll(Catalog.types());
    Set<String> fromGroundTruth = new TreeSet<>();
    forEachGroundTruth(
        tmp.resolve("a"),
        gt -> gt.get("expected").forEach(e -> fromGroundTruth.add(e.get("type").asText())));
    assertThat(fromGroundTruth).containsAll(Catalog.types());
    assertThat(first.byFormat().keySet()).hasSizeGreaterThanOrEqualTo(12);
    assertThat(first.byDecision().keySet()).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void totalSizeLandsNearTheTarget() {
    assertThat(first.bytes()).isBetween(OPTIONS.targetBytes() / 2, OPTIONS.targetBytes() * 2);
    assertThat(first.documents()).isEqualTo(100);
  }

  @Test
  void groundTruthOffsetsPointAtValidValuesAndDecisionsFollowThePolicy() throws IOException {
    Path root = tmp.resolve("a");
    int[] checked = {0};
    forEachGroundTruth(
        root,
        gt -> {
          assertThat(gt.get("expectedDecision").asText()).isEqualTo(GroundTruthTest.decide(gt));
          try {
            byte[] bytes =
                Files.readAllBytes(root.resolve("corpus").resolve(gt.get("document").asText()));
            assertThat((long) bytes.length).isEqualTo(gt.get("sizeBytes").asLong());
            for (JsonNode o : gt.get("occurrences")) {
              String unit = o.get("unit").asText();
              String text =
                  unit.isEmpty()
                      ? new String(bytes, Charset.forName(gt.get("charset").asText()))
                      : new String(
                          Extract.unitBytes(bytes, gt.get("format").asText(), unit),
                          StandardCharsets.UTF_8);
              String value = text.substring(o.get("start").asInt(), o.get("end").asInt());
              assertThat(Validators.isValid(o.get("type").asText(), value))
                  .as("%s in %s", o.get("type").asText(), gt.get("document").asText())
                  .isTrue();
              checked[0]++;
            }
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
    assertThat(checked[0]).isGreaterThan(50);
  }

  @Test
  void rejectsBadOptionsNamingTheField() {
    Map<String, Integer> mix = CorpusGenerator.DEFAULT_MIX;
    assertThatThrownBy(() -> new Options(1, 0, 10, mix, 0.1, 0)).hasMessageContaining("documents");
    assertThatThrownBy(() -> new Options(1, 10, 100, mix, 1.5, 0)).hasMessageContaining("density");
    assertThatThrownBy(() -> new Options(1, 10, 100, Map.of("exe", 1), 0.1, 0))
        .hasMessageContaining("formatMix");
    assertThat(CorpusGenerator.parseSize("100m")).isEqualTo(100_000_000L);
    assertThat(CorpusGenerator.parseSize("2g")).isEqualTo(2_000_000_000L);
  }

  private static void forEachGroundTruth(Path root, java.util.function.Consumer<JsonNode> check)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> walk = Files.walk(root.resolve("ground-truth"))) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        check.accept(json.readTree(p.toFile()));
      }
    }
  }

  static String treeHash(Path root) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
      for (Path f : files) {
        md.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        md.update(Files.readAllBytes(f));
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
