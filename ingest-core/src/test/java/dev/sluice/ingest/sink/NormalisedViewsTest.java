package dev.sluice.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalisedViewsTest {
  @Test
  void textWithNothingToUndoHasNoViews() {
    assertThat(NormalisedViews.of("Plain text, card 4556 7375 8689 9855.")).isEmpty();
  }

  @Test
  void zeroWidthAndControlCharactersAreRemoved() {
    assertThat(NormalisedViews.of("231\u200B-47\u2060-6026\u0000")).containsExactly("231-47-6026");
  }

  @Test
  void fullwidthDigitsAndDashesFold() {
    assertThat(
            NormalisedViews.of(
                "\uFF12\uFF13\uFF11\uFF0D\uFF14\uFF17\u2010\uFF16\uFF10\uFF12\uFF16"))
        .containsExactly("231-47-6026");
  }

  @Test
  void characterReferencesAreDecodedTwice() {
    assertThat(NormalisedViews.of("ana&#46;lima&#x40;example&period;test &amp;#52;2"))
        .containsExactly("ana.lima@example.test 42");
  }

  @Test
  void lineBreaksInsideDigitRunsAreJoinedBothWays() {
    assertThat(NormalisedViews.of("card 4556 7375\n8689 9855 ok"))
        .containsExactly("card 4556 73758689 9855 ok", "card 4556 7375 8689 9855 ok");
  }

  @Test
  void lineBreaksNextToTheAtSignOfAnAddressAreJoined() {
    assertThat(NormalisedViews.of("mail ana.lima@\nexample.test"))
        .containsExactly("mail ana.lima@example.test");
  }
}
