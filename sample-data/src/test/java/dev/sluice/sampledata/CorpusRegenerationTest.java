package dev.sluice.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed corpus, ground truth and Macie results are exactly what CorpusWriter produces. */
class CorpusRegenerationTest {

  @Test
  void committedFilesEqualAFreshRender() throws IOException {
    Path module = Path.of("").toAbsolutePath();
    Map<String, byte[]> rendered = CorpusWriter.render(TestCorpus.DOCS);
    Set<String> onDisk = new TreeSet<>();
    for (String dir : CorpusWriter.OWNED_DIRS) {
      try (Stream<Path> walk = Files.walk(module.resolve(dir))) {
        walk.filter(Files::isRegularFile)
            .forEach(p -> onDisk.add(module.relativize(p).toString().replace('\\', '/')));
      }
    }
    assertThat(onDisk).isEqualTo(rendered.keySet());
    for (Map.Entry<String, byte[]> e : rendered.entrySet()) {
      assertThat(Files.readAllBytes(module.resolve(e.getKey())))
          .as("regenerated %s", e.getKey())
          .isEqualTo(e.getValue());
    }
  }
}
