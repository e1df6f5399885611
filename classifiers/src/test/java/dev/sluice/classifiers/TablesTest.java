package dev.sluice.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tables (csv, tsv, a spreadsheet's text): column headers as keywords and as name evidence. */
class TablesTest {
  private final Scanner scanner = Scanner.builder().build();

  private static List<String> spans(String text, List<Finding> findings, String id) {
    return findings.stream()
        .filter(f -> f.identifierId().equals(id))
        .map(f -> text.substring(f.start(), f.end()))
        .toList();
  }

  @Test
  void aHeaderKeywordCountsForEveryValueInItsColumn() {
    String text =
        "id,passport,notes about this customer record that push the value far away\n"
            + "1,340020013,nothing of note at all in this rather long free text cell\n"
            + "2,C03005988,likewise nothing of note in this equally long cell here\n";
    List<Finding> found = scanner.scan(text);
    assertThat(spans(text, found, "USA_PASSPORT_NUMBER")).containsExactly("340020013", "C03005988");
    assertThat(found).allMatch(Finding::keywordSupported);
  }

  @Test
  void theSameValuesWithoutTheHeaderNeedAKeywordNearby() {
    String text =
        "id,reference,notes about this customer record that push the value far away\n"
            + "1,340020013,nothing of note at all in this rather long free text cell\n";
    assertThat(spans(text, scanner.scan(text), "USA_PASSPORT_NUMBER")).isEmpty();
  }

  @Test
  void aValueSharingItsCellWithOtherTextDoesNotInheritTheHeader() {
    String text =
        "id,passport,notes about this customer record that push the value far away\n"
            + "1,see 340020013 maybe,nothing of note at all in this rather long free text cell\n";
    assertThat(spans(text, scanner.scan(text), "USA_PASSPORT_NUMBER")).isEmpty();
  }

  @Test
  void firstAndLastNameColumnsAreNamesCellByCell() {
    String text =
        "id\tfirst_name\tlast_name\tcity\n"
            + "1\tHiroshi\tTanaka\tTokyo\n"
            + "2\tIvo\tDunmore\tBoston\n";
    assertThat(spans(text, scanner.scan(text), "NAME"))
        .containsExactly("Hiroshi", "Tanaka", "Ivo", "Dunmore");
  }

  @Test
  void aGenericNameColumnCountsWhenTheTableIsAboutPeople() {
    String people = "name,email\n\"Ivo Dunmore\",ivo@dunmore.net\nKwabena Osei-Tutu,k@o.example\n";
    assertThat(spans(people, scanner.scan(people), "NAME"))
        .containsExactly("Ivo Dunmore", "Kwabena Osei-Tutu");
    String products = "sku,name,price\nA-1,Widget Pro,9.99\nB-2,Garden Hose Deluxe,19.99\n";
    assertThat(spans(products, scanner.scan(products), "NAME")).isEmpty();
  }

  @Test
  void aHeaderWordInsideProseIsNotAColumn() {
    String text = "the name, as agreed,\nWidget Pro, stays\n";
    assertThat(spans(text, scanner.scan(text), "NAME")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 7_777, 25_000})
  void aTableLongerThanAWindowKeepsItsHeaderInEveryWindow(int window) throws IOException {
    Synth s = new Synth(window);
    StringBuilder sb = new StringBuilder("Intro line without a table.\n");
    sb.append("id,first_name,last_name,passport,notes about the row\n");
    int rows = 2_000;
    for (int i = 0; i < rows; i++) {
      String passport = "C" + String.format(java.util.Locale.ROOT, "%08d", 10_000_000 + i * 7);
      sb.append(i)
          .append(',')
          .append(i % 2 == 0 ? "Hiroshi" : "Ivo")
          .append(',')
          .append(i % 3 == 0 ? "Tanaka" : "Dunmore")
          .append(',')
          .append(passport)
          .append(",nothing of note ")
          .append(s.random().nextInt(1_000_000))
          .append('\n');
    }
    sb.append("\nAfterword, not a table.\n");
    String text = sb.toString();

    List<Finding> oneShot = Scanner.builder().window(1 << 22).build().scan(text);
    List<Finding> streamed = new ArrayList<>();
    Scanner.builder().window(window).build().scan(new StringReader(text), streamed::add);

    assertThat(text.length()).isGreaterThan(2 * (window + ScanEngine.RIGHT));
    assertThat(streamed).containsExactlyElementsOf(oneShot);
    assertThat(spans(text, oneShot, "USA_PASSPORT_NUMBER")).hasSize(rows);
    assertThat(spans(text, oneShot, "NAME")).hasSize(2 * rows);
  }
}
