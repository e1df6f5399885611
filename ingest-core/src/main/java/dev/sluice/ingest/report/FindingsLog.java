package dev.sluice.ingest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.classifiers.Finding;
import dev.sluice.ingest.Outcome;
import dev.sluice.ingest.UnitReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Findings of a run as JSON Lines, one file per (partition, chunk) written atomically, so a
 * restarted chunk replaces its file instead of doubling lines. {@link #concat} joins them in key
 * order. Lines carry offsets and masked previews, never values.
 */
public final class FindingsLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;

  /** A log in {@code dir} (created if missing). */
  public FindingsLog(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      dev.sluice.ingest.OwnerOnly.directory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Writes the findings of {@code outcomes} as chunk {@code seq} of {@code partition}. */
  public void write(int partition, long seq, List<Outcome> outcomes) {
    Path target = dir.resolve(String.format(Locale.ROOT, "part-%05d-%06d.jsonl", partition, seq));
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (Outcome o : outcomes) {
        for (UnitReport u : o.units()) {
          for (Finding f : u.findings()) {
            w.write(JSON.writeValueAsString(line(o, u, f)));
            w.write('\n');
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write findings to " + tmp, e);
    }
    try {
      dev.sluice.ingest.OwnerOnly.tree(tmp);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + tmp, e);
    }
  }

  static ObjectNode line(Outcome o, UnitReport u, Finding f) {
    ObjectNode n = JSON.createObjectNode();
    // the name as lineage shows it: findings in it masked
    n.put("source", o.lineage().sourceUri());
    n.put("uri", o.lineage().sourceUri());
    n.put("path", u.path());
    n.put("part", u.part().isEmpty() ? "content" : u.part());
    n.put("type", f.identifierId());
    n.put("start", f.start());
    n.put("end", f.end());
    n.put("category", f.category().name());
    n.put("severity", f.severity().name());
    n.put("keyword", f.keywordSupported());
    n.put("preview", f.preview());
    n.put("fingerprint", f.fingerprint());
    return n;
  }

  /** Concatenates every chunk file, in name order, into {@code target}. */
  public void concat(Path target) {
    try (Stream<Path> parts = Files.list(dir)) {
      List<Path> files =
          parts.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
      Files.createDirectories(target.toAbsolutePath().getParent());
      try (var out = Files.newOutputStream(target)) {
        for (Path p : files) {
          Files.copy(p, out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** The directory holding the chunk files. */
  public Path dir() {
    return dir;
  }
}
