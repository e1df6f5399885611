package dev.sluice.classifiers;

/**
 * Receives findings from a streaming scan, in ascending start order. Called on the scanning thread;
 * must not retain the scanner's buffers (findings hold none).
 */
@FunctionalInterface
public interface FindingSink {
  /** Accepts one finding. */
  void accept(Finding finding);
}
