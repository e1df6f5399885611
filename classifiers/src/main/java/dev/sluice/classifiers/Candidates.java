package dev.sluice.classifiers;

import java.util.Arrays;

/** Growable parallel arrays of raw detections of one window. Not thread-safe. */
final class Candidates {
  int[] kind = new int[64];
  int[] start = new int[64];
  int[] end = new int[64];
  boolean[] keyword = new boolean[64];
  int size;

  void clear() {
    size = 0;
  }

  void add(int k, int s, int e, boolean kw) {
    if (e <= s) {
      return;
    }
    if (size == kind.length) {
      int n = size * 2;
      kind = Arrays.copyOf(kind, n);
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
      keyword = Arrays.copyOf(keyword, n);
    }
    kind[size] = k;
    start[size] = s;
    end[size] = e;
    keyword[size] = kw;
    size++;
  }
}
