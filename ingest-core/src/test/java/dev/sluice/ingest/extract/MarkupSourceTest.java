package dev.sluice.ingest.extract;

import static dev.sluice.ingest.extract.FormatExtractionTest.extract;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** XML and HTML are scanned as their source (ADR 0005). */
class MarkupSourceTest {
  @Test
  void htmlIsItsOwnSourceSoHiddenValuesAreSeenAndOffsetsIndexTheFile() {
    String html =
        "<!DOCTYPE html>\n<html><body><p>Customer: Dorian Marchetti</p>"
            + "<a href=\"mailto:dorian.m@example.org\">email</a>"
            + "<input type=\"hidden\" value=\"536-22-8726\"><!-- card 4556737586899855 -->"
            + "</body></html>\n";
    Extraction e = extract(html.getBytes(StandardCharsets.UTF_8), "page.html");

    assertThat(e.unscannable()).isEmpty();
    assertThat(e.units()).hasSize(1);
    assertThat(e.units().get(0).mediaType()).startsWith("text/html");
    // the whole file, markup included: a value's offset in the text is its offset in the file
    assertThat(e.units().get(0).text()).isEqualTo(html);
  }

  @Test
  void xmlIsItsOwnSourceAttributesIncluded() {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<deviceReport>\n"
            + "  <vehicle vin-label=\"VIN\">YK6CEKLX3LCNL1WKZ</vehicle>\n</deviceReport>\n";
    Extraction e = extract(xml.getBytes(StandardCharsets.UTF_8), "device.xml");

    assertThat(e.unscannable()).isEmpty();
    assertThat(e.units().get(0).text()).isEqualTo(xml);
  }

  @Test
  void latin1HtmlIsDecodedNotMangled() {
    String html = "<html><body><p>Client : Hélène Dufrêne, Köln</p></body></html>\n";
    Extraction e = extract(html.getBytes(StandardCharsets.ISO_8859_1), "notes.html");

    assertThat(e.units().get(0).text()).contains("Hélène Dufrêne");
  }

  @Test
  void nestedEntityDeclarationsAboveTheLimitAreRefusedWithoutExpandingAnything() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n");
    xml.append("<!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      xml.append("<!ENTITY lol").append(i).append(" \"");
      String prev = i == 1 ? "lol" : "lol" + (i - 1);
      xml.append(("&" + prev + ";").repeat(10)).append("\">\n");
    }
    xml.append("]>\n<lolz>&lol9;</lolz>\n");
    Extraction e = extract(xml.toString().getBytes(StandardCharsets.UTF_8), "lolz.xml");

    assertThat(e.unscannable()).contains(UnscannableReason.ENTITY_EXPANSION);
    assertThat(e.units()).allSatisfy(u -> assertThat(u.text()).isEmpty()); // nothing kept
  }

  @Test
  void entityCountsFollowNestingAndStopAtCycles() {
    MarkupSourceParser.EntityScan s = new MarkupSourceParser.EntityScan();
    char[] decl =
        "<!DOCTYPE r [<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;\">]>"
            .toCharArray();
    assertThat(s.add(decl, decl.length)).isTrue();
    assertThat(s.worstExpansion()).isEqualTo(13);

    s.reset();
    char[] cycle = "<!DOCTYPE r [<!ENTITY x \"&y;\"><!ENTITY y \"&x;\">]>".toCharArray();
    s.add(cycle, cycle.length);
    assertThat(s.worstExpansion()).isGreaterThan(1_000_000_000L);
  }
}
