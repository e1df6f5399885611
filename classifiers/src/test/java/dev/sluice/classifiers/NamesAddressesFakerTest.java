package dev.sluice.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import net.datafaker.Faker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recall of NAME and ADDRESS on values written by a third-party generator (datafaker, several
 * locales), embedded in the lines people write them in: mail headers, greetings, signature blocks,
 * prose and CSV cells. Each case knows where its value sits; a value counts as found when a finding
 * of the type covers at least half of it (the scorer's rule). The thresholds are a floor under what
 * the rules reach today, per locale, so a regression fails; nothing here is graded on text the
 * project's own generator wrote.
 */
class NamesAddressesFakerTest {
  private static final int CASES = 150;
  private final Scanner scanner = Scanner.builder().build();

  /** A text and where the expected value sits in it. */
  private record Case(String text, int start, int end) {}

  private static Case embed(String before, String value, String after) {
    return new Case(before + value + after, before.length(), before.length() + value.length());
  }

  private double recall(String id, List<Case> cases) {
    int found = 0;
    for (Case c : cases) {
      for (Finding f : scanner.scan(c.text())) {
        int ov = Math.min(f.end(), c.end()) - Math.max(f.start(), c.start());
        if (f.identifierId().equals(id) && ov > 0 && 2 * ov >= c.end() - c.start()) {
          found++;
          break;
        }
      }
    }
    double r = (double) found / cases.size();
    System.out.printf("recall %s %.3f%n", id, r); // a figure, never a value
    return r;
  }

  private static List<Case> cases(String locale, Function<Faker, Case> one) {
    Faker f = new Faker(Locale.forLanguageTag(locale), new Random(locale.hashCode()));
    List<Case> out = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      out.add(one.apply(f));
    }
    return out;
  }

  private static String name(Faker f) {
    return f.name().firstName() + " " + f.name().lastName();
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "en-GB", "fr", "de", "es", "it"})
  void namesInMailHeadersWithTheirAddress(String locale) {
    List<Case> cases =
        cases(
            locale,
            f -> {
              String n = name(f);
              return embed(
                  "Subject: invoice\nFrom: ", n, " <" + f.internet().emailAddress() + ">\n\nHi,\n");
            });
    assertThat(recall("NAME", cases)).isGreaterThanOrEqualTo(0.95);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "en-GB", "fr", "de", "es", "it"})
  void namesAfterGreetingsAndInSignOffs(String locale) {
    List<Case> dear = cases(locale, f -> embed("Dear ", name(f), ",\n\nthe report is attached.\n"));
    List<Case> signed =
        cases(
            locale,
            f -> embed("Let me know.\n\nBest regards,\n", name(f), "\n" + f.job().title() + "\n"));
    assertThat(recall("NAME", dear)).isGreaterThanOrEqualTo(0.95);
    assertThat(recall("NAME", signed)).isGreaterThanOrEqualTo(0.95);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "en-GB", "fr", "de", "es", "it"})
  void namesInAPeopleColumn(String locale) {
    List<Case> cases =
        cases(
            locale,
            f -> {
              String n = name(f);
              return embed("id,full_name,email\n1,", n, "," + f.internet().emailAddress() + "\n");
            });
    assertThat(recall("NAME", cases)).isGreaterThanOrEqualTo(0.95);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "en-GB"})
  void namesAfterRoleWordsInProse(String locale) {
    List<Case> cases =
        cases(
            locale,
            f -> embed("The customer called back. Customer ", name(f), " asked for a refund."));
    assertThat(recall("NAME", cases)).isGreaterThanOrEqualTo(0.85);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "en-GB", "fr", "de", "es", "it"})
  void streetLinesInAQuotedAddressColumn(String locale) {
    List<Case> cases =
        cases(
            locale,
            f ->
                embed(
                    "id,full_name,street_address,city\n7,\"" + name(f) + "\",\"",
                    f.address().streetAddress(),
                    "\",\"" + f.address().city() + "\"\n"));
    assertThat(recall("ADDRESS", cases)).isGreaterThanOrEqualTo(0.97);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "fr", "de", "es", "it"})
  void streetLinesInASignatureBlockUnderThePhoneLine(String locale) {
    boolean us = locale.startsWith("en");
    List<Case> cases =
        cases(
            locale,
            f -> {
              String city =
                  us
                      ? ", "
                          + f.address().city()
                          + ", "
                          + f.address().stateAbbr()
                          + " "
                          + f.number().digits(5)
                      : ", " + f.number().digits(5) + " " + f.address().city();
              return embed(
                  "Regards,\n" + name(f) + "\nPhone: " + f.phoneNumber().phoneNumber() + "\n",
                  f.address().streetAddress(),
                  city + "\n");
            });
    assertThat(recall("ADDRESS", cases)).isGreaterThanOrEqualTo(0.95);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "en-GB", "fr"})
  void streetLinesInlineInProse(String locale) {
    List<Case> cases =
        cases(
            locale,
            f ->
                embed(
                    "Please send the signed copy to " + name(f) + ", ",
                    f.address().streetAddress(),
                    ", before Friday."));
    assertThat(recall("ADDRESS", cases)).isGreaterThanOrEqualTo(0.9);
  }
}
