package dev.sluice.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NAME and ADDRESS where people write them (issue #14, classes 7 and 8), with exact offsets, and
 * the look-alikes that must stay unreported. Street forms follow the postal conventions of each
 * country (USPS Pub. 28, Royal Mail, La Poste, Deutsche Post, Correos, Poste Italiane). A street
 * line followed by its city line is reported as one span, street to postcode or town.
 */
class NamesAddressesCasesTest {
  private static final Scanner SCANNER = Scanner.builder().build();

  static Arguments pos(String id, String before, String value, String after) {
    return Arguments.of(id, before + value + after, before.length(), value);
  }

  static Arguments neg(String id, String text) {
    return Arguments.of(id, text, -1, null);
  }

  static Stream<Arguments> cases() {
    List<Arguments> l = new ArrayList<>();
    // ---- addresses: street lines alone where addresses are written
    l.add(
        pos(
            "ADDRESS",
            "Please mail the form to Ada Quist, ",
            "4417 Kessler Crossing Apt. 12",
            ", before May."));
    l.add(pos("ADDRESS", "Send the parcel to ", "88 Tamarind Cove", " or call me."));
    l.add(
        pos(
            "ADDRESS",
            "Phone: +1 555 010 7788\n",
            "902 W Alder Trafficway Suite 40, Brookhaven, MS 39601",
            "\n"));
    l.add(pos("ADDRESS", "id,street_address,city\n1,\"", "12 Quarry Rapids", "\",\"Dover\"\n"));
    l.add(pos("ADDRESS", "", "403 Broadway, New York, NY 10013", "\n"));
    // type first: Spanish, Italian, French, Portuguese; house number after, with a comma, or s/n
    l.add(pos("ADDRESS", "Dirección: ", "Calle de Alcalá, 48", "\n"));
    l.add(pos("ADDRESS", "Envíelo a ", "Avenida de la Constitución 7, 41004 Sevilla", "."));
    l.add(pos("ADDRESS", "", "Ronda de Toledo s/n, 28005 Madrid", "\n"));
    l.add(pos("ADDRESS", "Indirizzo: ", "Via dei Mille 12, 00185 Roma", "\n"));
    l.add(pos("ADDRESS", "Sede legale: ", "Piazza San Marco 4", "\n"));
    l.add(pos("ADDRESS", "", "Quai de la Tournelle 5", "\n"));
    // number first, French types in lower case
    l.add(pos("ADDRESS", "Adresse : ", "12 rue de la Paix, 75002 Paris", "\n"));
    l.add(pos("ADDRESS", "Livraison au ", "3 impasse des Lilas", ".\n"));
    l.add(pos("ADDRESS", "", "70 Allée d'Orsel", "\n"));
    // German: glued and separate types, number after
    l.add(pos("ADDRESS", "Anschrift: ", "Hauptstraße 5", "\n"));
    l.add(pos("ADDRESS", "", "Konrad-Adenauer-Str. 14a, 53113 Bonn", "\n"));
    l.add(pos("ADDRESS", "bitte an ", "Berliner Str. 112", " schicken"));
    // a European city line makes any street line before it an address
    l.add(pos("ADDRESS", "Tel. 030 1234567\n", "Am Lindenhof 3b, 10115 Berlin", "\n"));
    l.add(pos("ADDRESS", "Ivo Dunmore, ", "Piazza Galli 8, Appartamento 4, 20121 Milano", "\n"));
    // look-alikes
    l.add(neg("ADDRESS", "Windows 10 Media Center and 2 Factor Drive."));
    l.add(neg("ADDRESS", "It is a 5 Minute Walk from 3 Main Street Station signs."));
    l.add(neg("ADDRESS", "Im Jahr 2023 haben wir 12 neue Kunden."));
    l.add(neg("ADDRESS", "Via Slack or via email, whichever comes first."));
    l.add(neg("ADDRESS", "id,email_address,ip_address\n1,ann@example.org,10.0.0.1\n"));
    l.add(neg("ADDRESS", "chapter 12 Hill Climbing and 4 Park Systems"));
    // ---- names: mail headers with the address beside them, any locale
    l.add(pos("NAME", "From: ", "Zoë Müller-Lüdenscheidt", " <zoe@example.org>\n"));
    l.add(pos("NAME", "To: Ops <ops@example.org>, ", "Seán O'Brien", " <sean@example.ie>\n"));
    l.add(
        pos(
            "NAME",
            " -- ",
            "Jean-Luc de la Tour",
            " <jl@example.fr>  Mon, 01 Jan 2024 10:00:00 +0100\n"));
    l.add(pos("NAME", "Cc: ", "Nguyễn Thị Mai", " <mai@example.vn>\n"));
    l.add(neg("NAME", "From: Security Team <security@example.org>\n"));
    l.add(neg("NAME", "Reply-To: Release Bot <noreply@example.org>\n"));
    // after role words, verbs of address, greetings and sign-offs
    l.add(pos("NAME", "Customer ", "Joanna Kowalczyk", " called about the invoice."));
    l.add(pos("NAME", "can you reset the password for ", "Ingrid Halvorsen", "?"));
    l.add(pos("NAME", "merci ", "Camille Rousseau", " ! déjà réglé"));
    l.add(pos("NAME", "Gracias, ", "Lucía Fernández", ".\n"));
    l.add(pos("NAME", "Kind regards,\n", "Margaret A. Thompson", "\nAccount Manager\n"));
    l.add(pos("NAME", "", "Walter Rasmussen", " was born on 3 May 1961 in Aarhus."));
    l.add(neg("NAME", "Thanks for the Quick Start Guide and the Release Notes."));
    l.add(neg("NAME", "Welcome to New York, Customer Success and Project Phoenix."));
    l.add(neg("NAME", "Pass the token with. SIN CANADA_SOCIAL_INSURANCE_NUMBER_b32a09."));
    // a street named like a person stays inside its address
    l.add(neg("NAME", "Send it to 6688 Maeve Plains, Amirastead, CT 06830\n"));
    return l.stream();
  }

  @ParameterizedTest(name = "{0}: {index}")
  @MethodSource("cases")
  void nameOrAddressCase(String id, String text, int start, String value) {
    List<Finding> findings = SCANNER.scan(text);
    List<Finding> ofId = findings.stream().filter(f -> f.identifierId().equals(id)).toList();
    if (value == null) {
      assertThat(ofId).as("no %s expected; got %s", id, describe(text, findings)).isEmpty();
      return;
    }
    assertThat(ofId)
        .as(
            "expected %s at [%d,%d); got %s",
            id, start, start + value.length(), describe(text, findings))
        .anySatisfy(
            f -> {
              assertThat(f.start()).isEqualTo(start);
              assertThat(f.end()).isEqualTo(start + value.length());
            });
  }

  private static String describe(String text, List<Finding> findings) {
    return findings.stream()
        .map(
            f ->
                f.identifierId()
                    + "["
                    + f.start()
                    + ","
                    + f.end()
                    + ")='"
                    + text.substring(f.start(), f.end())
                    + "'")
        .collect(Collectors.joining(", "));
  }
}
