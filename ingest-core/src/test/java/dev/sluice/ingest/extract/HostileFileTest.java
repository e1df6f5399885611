package dev.sluice.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hostile file ends with its reason code (or scannable), and no detail leaks content. */
class HostileFileTest {
  static final TikaExtractor EXTRACTOR = TikaExtractor.builder().build();

  static List<HostileFiles.Case> cases() {
    return HostileFiles.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void endsWithItsReasonCode(HostileFiles.Case c) {
    byte[] bytes = c.bytes().get();

    Extraction e = EXTRACTOR.extract(new ByteArrayInputStream(bytes), c.fileName(), bytes.length);

    assertThat(e.unscannable())
        .as("%s: detail=%s", c.id(), e.detail())
        .isEqualTo(Optional.ofNullable(c.expected()));
    assertThat(e.detail()).doesNotContain(HostileFiles.PLANTED).doesNotContain("lol");
    if (c.expected() != null) {
      assertThat(e.detail()).isNotBlank();
    } else {
      assertThat(FormatExtractionTest.allText(e)).contains(HostileFiles.PLANTED);
    }
  }
}
