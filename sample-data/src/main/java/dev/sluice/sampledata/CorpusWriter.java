package dev.sluice.sampledata;

import dev.sluice.sampledata.corpus.Corpus;
import dev.sluice.sampledata.corpus.CorpusDocument;
import dev.sluice.sampledata.corpus.GroundTruth;
import dev.sluice.sampledata.corpus.Json;
import dev.sluice.sampledata.macie.MacieResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes the committed labelled corpus: documents under {@code corpus/}, one ground-truth JSON per
 * document under {@code ground-truth/}, and matching Macie findings and discovery results under
 * {@code macie/}. Output is byte-for-byte reproducible.
 *
 * <p>Usage: {@code java dev.sluice.sampledata.CorpusWriter <sample-data module dir>}; it replaces
 * the three directories entirely (config/ and README.md are hand-written and left alone).
 */
public final class CorpusWriter {

  /** Directories (relative to the module) that {@link #main} owns and rewrites. */
  public static final List<String> OWNED_DIRS = List.of("corpus", "ground-truth", "macie");

  private CorpusWriter() {}

  /** Every generated file, keyed by path relative to the sample-data module directory. */
  public static Map<String, byte[]> render() {
    return render(Corpus.documents());
  }

  /** Every file generated from the given documents, keyed by path relative to the module. */
  public static Map<String, byte[]> render(List<CorpusDocument> docs) {
    Map<String, byte[]> files = new TreeMap<>();
    for (CorpusDocument doc : docs) {
      files.put("corpus/" + doc.path(), doc.bytes());
      files.put("ground-truth/" + doc.path() + ".json", Json.pretty(GroundTruth.of(doc)));
    }
    MacieResults.render(docs).forEach((k, v) -> files.put("macie/" + k, v));
    return files;
  }

  /** Regenerates the corpus into {@code args[0]} (default {@code sample-data}). */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "sample-data");
    for (String dir : OWNED_DIRS) {
      Path d = root.resolve(dir);
      if (Files.exists(d)) {
        try (Stream<Path> walk = Files.walk(d)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
    Map<String, byte[]> files = render();
    long total = 0;
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path target = root.resolve(e.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, e.getValue());
      total += e.getValue().length;
    }
    System.out.printf("wrote %d files, %d bytes, under %s%n", files.size(), total, root);
  }
}
