package dev.sluice.classifiers;

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

  /** Returns a builder for a scanner over the managed catalogue. */
  static ScannerBuilder builder() {
    return new ScannerBuilder();
  }
}
