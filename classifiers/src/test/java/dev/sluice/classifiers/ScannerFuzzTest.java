package dev.sluice.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.sampledata.fuzz.MutationFuzz;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the scanner. Any text: no exception, every finding inside the text, and a streaming
 * scan in small windows (down to one char, so values straddle window edges) reports exactly what a
 * one-shot scan reports. The first byte picks the window, the rest is the text (UTF-8).
 *
 * <p>{@link #anyText} is a Jazzer {@code @FuzzTest}: a normal run replays the seeds in {@code
 * ScannerFuzzTestInputs/anyText/}; {@code JAZZER_FUZZ=1} fuzzes it ({@code scripts/fuzz.sh}).
 * {@link #seededMutations} is the short fuzz run of {@code verify}.
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

  @FuzzTest(maxDuration = "90s")
  void anyText(byte[] data) {
    check(data);
  }

  @Test
  void seededMutations() {
    long execs =
        MutationFuzz.run(
            ScannerFuzzTest.class,
            "anyText",
            41,
            List.of(
                "4556 7375 8689 9855",
                "@example.org",
                "078-05-1120",
                "Dear ",
                "ghp_",
                "eyJ",
                "-----BEGIN RSA PRIVATE KEY-----",
                "IBAN DE89",
                "+44 20 ",
                "\n",
                "\t",
                ",",
                "\u00a0"),
            ScannerFuzzTest::check);
    assertThat(execs).isPositive();
  }

  static void check(byte[] data) {
    int w = data.length == 0 ? 0 : (data[0] & 0xff) % WINDOWS.length;
    String text =
        data.length == 0 ? "" : new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
    List<Finding> oneShot = ONE_SHOT.scan(text);
    for (Finding f : oneShot) {
      assertThat(f.start()).isBetween(0, text.length() - 1);
      assertThat(f.end()).isBetween(f.start() + 1, text.length());
    }
    List<Finding> streamed = new ArrayList<>();
    try {
      STREAMING[w].scan(new StringReader(text), streamed::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(streamed).as("window %d", WINDOWS[w]).containsExactlyElementsOf(oneShot);
  }
}
