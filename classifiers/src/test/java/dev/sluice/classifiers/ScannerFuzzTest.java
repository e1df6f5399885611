package dev.sluice.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the scanner (Jazzer). Any text: no exception, every finding inside the
 * text, and a streaming scan in small windows (down to one char, so every value straddles a window
 * edge) reports exactly what a one-shot scan reports.
 *
 * <p>A normal test run replays the seeds in {@code ScannerFuzzTestInputs/} (regression mode);
 * {@code JAZZER_FUZZ=1} fuzzes (see {@code scripts/fuzz.sh} and docs/reliability.md).
 */
class ScannerFuzzTest {
  private static final int[] WINDOWS = {1, 7, 64, 1_000, 30_000};
  private static final Scanner ONE_SHOT = Scanner.builder().window(1 << 22).build();
  private static final Scanner[] STREAMING = new Scanner[WINDOWS.length];

  static {
    for (int i = 0; i < WINDOWS.length; i++) {
      STREAMING[i] = Scanner.builder().window(WINDOWS[i]).build();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void anyTextScansCleanlyAndTheSameInWindows(FuzzedDataProvider data) throws IOException {
    int w = data.consumeInt(0, WINDOWS.length - 1);
    String text = data.consumeRemainingAsString();
    List<Finding> oneShot = ONE_SHOT.scan(text);
    for (Finding f : oneShot) {
      assertThat(f.start()).isBetween(0, text.length() - 1);
      assertThat(f.end()).isBetween(f.start() + 1, text.length());
    }
    List<Finding> streamed = new ArrayList<>();
    STREAMING[w].scan(new StringReader(text), streamed::add);
    assertThat(streamed).as("window %d", WINDOWS[w]).containsExactlyElementsOf(oneShot);
  }
}
