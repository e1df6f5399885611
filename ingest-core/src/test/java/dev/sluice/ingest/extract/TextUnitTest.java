package dev.sluice.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextUnitTest {
  static TextLocation page(int i, int offset) {
    return new TextLocation(TextLocation.Kind.PAGE, i, "", offset);
  }

  @Test
  void locationAtFindsTheStretchHoldingTheOffset() {
    TextUnit u =
        new TextUnit(
            "",
            "application/pdf",
            "aaaabbbbcccc",
            false,
            List.of(page(1, 0), page(2, 4), page(3, 8)));

    assertThat(u.locationAt(0)).contains(page(1, 0));
    assertThat(u.locationAt(3)).contains(page(1, 0));
    assertThat(u.locationAt(4)).contains(page(2, 4));
    assertThat(u.locationAt(11)).contains(page(3, 8));
  }

  @Test
  void noLocationsMeansEmpty() {
    assertThat(new TextUnit("", "text/plain", "abc", false).locationAt(1)).isEmpty();
  }

  @Test
  void rejectsOffsetsOutsideTheTextOrOutOfOrder() {
    assertThatThrownBy(() -> new TextUnit("", "x", "ab", false, List.of(page(1, 3))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TextUnit("", "x", "abcd", false, List.of(page(1, 2), page(2, 1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void describesSheetsWithTheirName() {
    assertThat(new TextLocation(TextLocation.Kind.SHEET, 2, "Payroll", 0).describe())
        .isEqualTo("sheet 2 (Payroll)");
    assertThat(page(3, 0).describe()).isEqualTo("page 3");
  }
}
