package dev.sluice.classifiers;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Finds sensitive values in text. Instances are compiled once and are thread-safe; a scan keeps no
 * state between calls.
 */
@FunctionalInterface
public interface Scanner {

  /**
   * Scans {@code text} and returns its findings ordered by start offset, then by identifier ID.
   *
   * @param text the text to scan; not retained
   * @return findings, never {@code null}
   */
  List<Finding> scan(CharSequence text);

  /**
   * Scans a text of any length in bounded memory and hands each finding to {@code sink} in
   * ascending start order. Offsets count UTF-16 code units from the start of the stream. The
   * default reads the whole text; the built scanner works in overlapping windows. The caller owns
   * and closes {@code in}.
   *
   * @throws IOException if reading fails
   */
  default void scan(Reader in, FindingSink sink) throws IOException {
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[8192];
    for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
      sb.append(buf, 0, r);
    }
    for (Finding f : scan(sb)) {
      sink.accept(f);
    }
  }

  /**
   * Version of the rules this scanner applies (catalogue, custom identifiers, allow and deny
   * lists); changes whenever any rule changes. Recorded in lineage.
   */
  default String catalogVersion() {
    return Catalog.managed().version();
  }

  /** Returns a builder for a scanner over the managed catalogue. */
  static ScannerBuilder builder() {
    return new ScannerBuilder();
  }
}
