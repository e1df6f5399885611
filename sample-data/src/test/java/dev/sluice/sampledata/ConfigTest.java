package dev.sluice.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sampledata.corpus.CorpusDocument;
import dev.sluice.sampledata.corpus.Planted;
import dev.sluice.sampledata.corpus.Unit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The config examples are consistent with the corpus: terms match only where planted. */
class ConfigTest {

  static final Path CONFIG = Path.of("config");

  @Test
  void denyTermsAppearOnlyWhereTheGroundTruthPlantsThem() throws IOException {
    List<String> terms =
        Files.readAllLines(CONFIG.resolve("deny-terms.txt")).stream()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    assertThat(terms).hasSizeGreaterThanOrEqualTo(24).doesNotHaveDuplicates();
    int planted = 0;
    for (CorpusDocument doc : TestCorpus.DOCS) {
      for (Unit u : doc.units()) {
        String lower = u.text().toLowerCase(Locale.ROOT);
        for (String term : terms) {
          long expected = u.planted().stream().filter(p -> p.type().equals("deny:" + term)).count();
          assertThat(Extract.count(lower, term.toLowerCase(Locale.ROOT)))
              .as("'%s' in %s%s", term, doc.path(), u.path())
              .isEqualTo((int) expected);
          planted += (int) expected;
        }
      }
    }
    assertThat(planted).isPositive();
  }

  @Test
  void customIdentifierRegexesMatchOnlyPlantedValues() throws IOException {
    JsonNode cdis = new ObjectMapper().readTree(CONFIG.resolve("custom-identifiers.json").toFile());
    assertThat(cdis.size()).isGreaterThanOrEqualTo(2);
    for (JsonNode cdi : cdis) {
      String name = cdi.get("name").asText();
      assertThat(cdi.get("regex").asText().length()).isLessThanOrEqualTo(512);
      assertThat(cdi.get("keywords").size()).isBetween(1, 50);
      Pattern regex = Pattern.compile(cdi.get("regex").asText());
      for (CorpusDocument doc : TestCorpus.DOCS) {
        for (Unit u : doc.units()) {
          Matcher m = regex.matcher(u.text());
          int found = 0;
          while (m.find()) {
            found++;
          }
          long expected =
              u.planted().stream().map(Planted::type).filter(("custom:" + name)::equals).count();
          assertThat(found).as("%s in %s%s", name, doc.path(), u.path()).isEqualTo((int) expected);
        }
      }
    }
  }

  @Test
  void policyAndAllowListAreWellFormed() throws IOException {
    String policy = Files.readString(CONFIG.resolve("policy.yaml"));
    assertThat(policy)
        .contains("version:", "datasets:", "support-kb", "alias/sluice-curated", "rules:");
    assertThat(policy).contains("action: QUARANTINE", "action: REJECT", "action: REDACT");
    for (String line : Files.readAllLines(CONFIG.resolve("allow-list.txt"))) {
      assertThat(line.length()).isBetween(1, 90);
    }
  }
}
