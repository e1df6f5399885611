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
 * Table-driven cases per identifier: positives with exact offsets, hard negatives that must not
 * produce the identifier. Values are synthetic and made valid by {@link Synth}.
 */
class IdentifierCasesTest {
  private static final Scanner SCANNER = Scanner.builder().build();

  /** {@code text} holds {@code value} once; the finding must cover exactly it. */
  static Arguments pos(String id, String before, String value, String after) {
    return Arguments.of(id, before + value + after, value);
  }

  static Arguments neg(String id, String text) {
    return Arguments.of(id, text, null);
  }

  static Stream<Arguments> cases() {
    Synth s = new Synth(42);
    List<Arguments> l = new ArrayList<>();
    String visa = s.visa();
    String mc = s.mastercard();
    String amex = s.amex();
    l.add(pos("CREDIT_CARD_NUMBER", "Visa card: ", Synth.group(visa, 4, 4, 4, 4), " today."));
    l.add(pos("CREDIT_CARD_NUMBER", "mastercard ", mc.replaceAll("(\\d{4})(?=\\d)", "$1-"), "."));
    l.add(pos("CREDIT_CARD_NUMBER", "Amex: ", Synth.group(amex, 4, 6, 5), ""));
    l.add(pos("CREDIT_CARD_NUMBER", "card number=", s.visa(), ";"));
    l.add(pos("CREDIT_CARD_NUMBER_(NO_KEYWORD)", "Order reference ", s.mastercard(), " shipped"));
    l.add(neg("CREDIT_CARD_NUMBER", "Visa card: " + Synth.breakLuhn(visa)));
    l.add(neg("CREDIT_CARD_NUMBER", "card 4111111111111111 and card 5555555555554444"));
    l.add(neg("CREDIT_CARD_NUMBER", "card 378282246310005 or 6011111111111117"));
    l.add(neg("CREDIT_CARD_NUMBER", "card " + s.card("9", 16)));
    l.add(neg("CREDIT_CARD_NUMBER_(NO_KEYWORD)", "trace " + Synth.breakLuhn(s.visa())));
    l.add(neg("CREDIT_CARD_NUMBER_(NO_KEYWORD)", "epoch ms 1700000000000 and 1699999999999999"));
    l.add(neg("CREDIT_CARD_NUMBER_(NO_KEYWORD)", "v1." + s.visa()));
    l.add(pos("CREDIT_CARD_EXPIRATION", "Expiry: ", "02/27", ""));
    l.add(pos("CREDIT_CARD_EXPIRATION", "exp date ", "11/2028", " ok"));
    l.add(pos("CREDIT_CARD_EXPIRATION", "Expires ", "Feb 2029", ""));
    l.add(neg("CREDIT_CARD_EXPIRATION", "ratio 02/27 reported"));
    l.add(pos("CREDIT_CARD_SECURITY_CODE", "CVV: ", "123", ""));
    l.add(pos("CREDIT_CARD_SECURITY_CODE", "security code ", "4821", "."));
    l.add(neg("CREDIT_CARD_SECURITY_CODE", "room 123 on floor 4"));
    // generic number shapes need the keyword before them
    l.add(neg("CREDIT_CARD_SECURITY_CODE", "we moved 433 servers; see the cvv policy"));
    l.add(neg("CREDIT_CARD_EXPIRATION", "build 04/26 shipped, expiry dates follow"));
    l.add(neg("BANK_ACCOUNT_NUMBER", "order 1769605285928 was paid from a checking account"));
    String stripeCard = s.visa();
    l.add(
        pos("CREDIT_CARD_MAGNETIC_STRIPE", "swipe ", ";" + stripeCard + "=2712101000000000?", ""));
    l.add(
        pos(
            "CREDIT_CARD_MAGNETIC_STRIPE",
            "track ",
            "%B" + s.visa() + "^DOE/JANE^27121010000000000000?",
            ""));
    l.add(pos("BANK_ACCOUNT_NUMBER", "Checking account: ", s.digits(11), ""));
    l.add(pos("BANK_ACCOUNT_NUMBER", "acct # ", "40" + s.digits(10), " (savings)"));
    l.add(neg("BANK_ACCOUNT_NUMBER", "invoice " + s.digits(12)));
    for (String cc :
        List.of("DE", "GB", "FR", "ES", "IT", "NL", "CH", "PL", "SE", "TR", "BR", "MT")) {
      String iban = s.iban(cc);
      String id = dev.sluice.classifiers.identifier.Iban.countries().get(cc).identifierId();
      l.add(pos(id, "pay to ", iban, "."));
      l.add(pos(id, "IBAN: ", Synth.group4(iban), "\n"));
      l.add(
          neg(
              id,
              "pay to "
                  + iban.substring(0, 5)
                  + ((iban.charAt(5) - '0' + 1) % 10)
                  + iban.substring(6)));
    }
    l.add(pos("UK_BANK_ACCOUNT_NUMBER", "sort code ", "20-45-77 " + s.digits(8), ""));
    l.add(pos("USA_SOCIAL_SECURITY_NUMBER", "SSN: ", s.ssn(), ""));
    l.add(
        pos("USA_SOCIAL_SECURITY_NUMBER", "social security number ", s.ssn().replace("-", ""), ""));
    l.add(pos("USA_SOCIAL_SECURITY_NUMBER", "employee ", s.ssn(), " on file"));
    for (String bad :
        List.of(
            "000-12-3456",
            "666-12-3456",
            "912-34-5678",
            "987-65-4321",
            "123-00-4567",
            "123-45-0000",
            "078-05-1120")) {
      l.add(neg("USA_SOCIAL_SECURITY_NUMBER", "SSN: " + bad));
    }
    l.add(neg("USA_SOCIAL_SECURITY_NUMBER", "call 123456789 now"));
    l.add(pos("USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "ITIN ", s.itin(), ""));
    String sin = s.sin();
    l.add(pos("CANADA_SOCIAL_INSURANCE_NUMBER", "SIN: ", Synth.group(sin, 3, 3, 3), ""));
    l.add(neg("CANADA_SOCIAL_INSURANCE_NUMBER", "using " + Synth.group(sin, 3, 3, 3)));
    String nhs = s.nhs();
    l.add(pos("UK_NHS_NUMBER", "NHS number: ", Synth.group(nhs, 3, 3, 4), ""));
    l.add(
        neg(
            "UK_NHS_NUMBER",
            "NHS number: "
                + Synth.breakLuhn(nhs)
                    .replace("", "")
                    .substring(0, 10)
                    .replaceAll("^(\\d{9})\\d$", "$1" + ((nhs.charAt(9) - '0' + 1) % 10))));
    l.add(pos("UK_NATIONAL_INSURANCE_NUMBER", "NI number: ", "JG 10 37 59 A", ""));
    l.add(pos("UK_NATIONAL_INSURANCE_NUMBER", "nino ", "AB123456C", ""));
    l.add(neg("UK_NATIONAL_INSURANCE_NUMBER", "code QQ123456C and GB123456A"));
    l.add(pos("USA_PASSPORT_NUMBER", "Passport No: ", s.digits(9), ""));
    l.add(pos("USA_PASSPORT_NUMBER", "passport ", "A" + s.digits(8), ""));
    l.add(neg("USA_PASSPORT_NUMBER", "parcel " + "A" + s.digits(8)));
    l.add(pos("DRIVERS_LICENSE", "Driver's license: ", "D" + s.digits(7), ""));
    l.add(pos("DRIVERS_LICENSE", "DL# ", s.digits(8), ""));
    l.add(neg("DRIVERS_LICENSE", "ticket D" + s.digits(7)));
    l.add(pos("VEHICLE_IDENTIFICATION_NUMBER", "VIN: ", s.vin(), ""));
    l.add(pos("VEHICLE_IDENTIFICATION_NUMBER", "chassis plate ", s.vin(), " ok"));
    l.add(pos("DATE_OF_BIRTH", "DOB: ", "03/14/1985", ""));
    l.add(pos("DATE_OF_BIRTH", "Date of birth: ", "1985-03-14", ""));
    l.add(pos("DATE_OF_BIRTH", "born ", "March 14, 1985", ""));
    l.add(pos("DATE_OF_BIRTH", "Birthday: ", "14 March 1985", ""));
    l.add(neg("DATE_OF_BIRTH", "Meeting on 03/14/1985 went well"));
    l.add(pos("LATITUDE_LONGITUDE", "coordinates: ", "41.948614,-87.655311", ""));
    l.add(pos("LATITUDE_LONGITUDE", "GPS ", "-33.868820, 151.209290", ""));
    l.add(neg("LATITUDE_LONGITUDE", "values 41.948614,-87.655311 measured"));
    l.add(pos("PHONE_NUMBER", "reach me at ", s.phoneUs(), ""));
    l.add(pos("PHONE_NUMBER", "", "+1 415 555 0132", " anytime"));
    l.add(pos("PHONE_NUMBER", "phone: ", "415.555.0132", ""));
    l.add(pos("PHONE_NUMBER", "office ", "212-555-0147", ""));
    l.add(neg("PHONE_NUMBER", "build 415.555.0132 shipped"));
    l.add(neg("PHONE_NUMBER", "id 4155550132 done"));
    l.add(pos("UK_PHONE_NUMBER", "ring ", "+44 20 7946 0958", ""));
    l.add(pos("UK_PHONE_NUMBER", "Tel: ", "020 7946 0958", ""));
    l.add(pos("GERMANY_PHONE_NUMBER", "", "+49 30 12345678", ""));
    l.add(pos("FRANCE_PHONE_NUMBER", "", "+33 1 23 45 67 89", ""));
    l.add(pos("FRANCE_PHONE_NUMBER", "Phone: ", "06 12 34 56 78", ""));
    l.add(pos("SPAIN_PHONE_NUMBER", "", "+34 912 345 678", ""));
    l.add(pos("ITALY_PHONE_NUMBER", "", "+39 06 1234 5678", ""));
    l.add(pos("BRAZIL_PHONE_NUMBER", "", "+55 11 91234 5678", ""));
    l.add(pos("EMAIL_ADDRESS", "mail ", "jane.roe@example.org", "."));
    l.add(neg("EMAIL_ADDRESS", "user@localhost and @mention"));
    l.add(pos("IP_ADDRESS", "host ", "10.1.2.3", ""));
    l.add(neg("IP_ADDRESS", "version 1.2.3 and 999.1.1.1 and 1.2.3.4.5"));
    l.add(pos("IP_ADDRESS", "peer ", "2001:db8::8a2e:370:7334", "."));
    l.add(pos("IP_ADDRESS", "link ", "fe80::1ff:fe23:4567:890a", ""));
    l.add(pos("IP_ADDRESS", "", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", " up"));
    l.add(pos("IP_ADDRESS", "nat64 ", "64:ff9b::192.0.2.33", ""));
    l.add(neg("IP_ADDRESS", "at 12:30:45, mac 00:1a:2b:3c:4d:5e, std::vector, 1:2:3:4:5:6:7:8:9"));
    l.add(pos("HTTP_COOKIE", "GET /\n", "Cookie: session=ab12cd34; theme=dark", "\n"));
    l.add(pos("HTTP_COOKIE", "", "Set-Cookie: sid=31d4d96e407aad42; Path=/; Secure", "\n"));
    l.add(pos("HTTP_BASIC_AUTH_HEADER", "GET /\n", s.basicAuth(), "\n"));
    l.add(pos("JSON_WEB_TOKEN", "Bearer ", s.jwt(), ""));
    l.add(neg("JSON_WEB_TOKEN", "eyJhbGciOiJub25lIn0 only a header"));
    l.add(pos("PKCS", "key:\n", s.pem("RSA PRIVATE KEY"), "\n"));
    l.add(pos("PKCS", "", s.pem("PRIVATE KEY"), ""));
    l.add(pos("OPENSSH_PRIVATE_KEY", "", s.pem("OPENSSH PRIVATE KEY"), "\n"));
    l.add(pos("PGP_PRIVATE_KEY", "", s.pem("PGP PRIVATE KEY BLOCK"), "\n"));
    l.add(neg("PKCS", s.pem("CERTIFICATE")));
    l.add(pos("PUTTY_PRIVATE_KEY", "", s.putty(), "\n"));
    l.add(pos("AWS_ACCESS_KEY_ID", "key id ", s.awsKeyId(), ""));
    l.add(pos("AWS_CREDENTIALS", "aws_secret_access_key = ", s.awsSecret(), "\n"));
    l.add(
        neg("AWS_CREDENTIALS", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    l.add(neg("AWS_CREDENTIALS", "AKIAIOSFODNN7EXAMPLE"));
    l.add(neg("AWS_CREDENTIALS", "blob " + s.awsSecret()));
    l.add(pos("GCP_API_KEY", "key=", "AIza" + s.alnum(35, Synth.ALNUM + "_-"), "&x=1"));
    l.add(pos("STRIPE_CREDENTIALS", "", "sk_live_" + s.alnum(24, Synth.ALNUM), ""));
    l.add(neg("STRIPE_CREDENTIALS", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"));
    l.add(pos("GITHUB_TOKEN", "token ", "ghp_" + s.alnum(36, Synth.ALNUM), ""));
    l.add(pos("GITLAB_TOKEN", "", "glpat-" + s.alnum(20, Synth.ALNUM), ""));
    l.add(
        pos(
            "SLACK_TOKEN",
            "",
            "xoxb-" + s.digits(12) + "-" + s.digits(13) + "-" + s.alnum(24, Synth.ALNUM),
            ""));
    l.add(pos("NPM_TOKEN", "//registry/:_authToken=", "npm_" + s.alnum(36, Synth.ALNUM), ""));
    l.add(pos("GOOGLE_OAUTH_TOKEN", "", "ya29." + s.alnum(60, Synth.ALNUM + "_-"), ""));
    l.add(
        pos(
            "AZURE_STORAGE_KEY",
            "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=",
            s.alnum(78, Synth.ALNUM) + "Ab1/+xyz==",
            ";"));
    l.add(
        pos("URL_WITH_PASSWORD", "dsn ", "postgres://admin:hunter22@db.example.com:5432/app", ""));
    l.add(pos("URL_WITH_PASSWORD", "see ", "https://u:p4ss@h.example.com/a/b?x=1&y=2", ". Then"));
    l.add(pos("NAME", "Dear ", "Jennifer Lawson", ","));
    l.add(pos("NAME", "{\"id\":\"c-1\",\"customer\":\"", "Dorian Coldwater", "\",\"x\":1}"));
    l.add(pos("NAME", "{\"full_name\": \"", "Amara Zellweger", "\"}"));
    l.add(pos("NAME", "owner: \"", "Liora Underhill", "\"\n"));
    l.add(pos("NAME", "Name: ", "Marcus O'Brien", "\n"));
    l.add(pos("NAME", "Kind regards,\n", "David Chen", "\n"));
    l.add(pos("NAME", "Meeting with ", "Sarah Mitchell", " tomorrow."));
    l.add(pos("NAME", "signed by ", "Robert J. Kowalski", "."));
    l.add(neg("NAME", "The New York office and the Project Manager in the United States."));
    l.add(neg("NAME", "Monday Morning Report for Customer Service"));
    // a known given name vouches for an unlisted family name of a name's shape
    l.add(pos("NAME", "Yesterday, ", "Priya Raghunathan", " approved the budget."));
    l.add(pos("NAME", "The patient, ", "Maria Garcia-Lopez", ", was discharged."));
    l.add(pos("NAME", "", "Jean-Luc Picard", " joined."));
    l.add(pos("NAME", "I sent the invoice to Mr. ", "Abernathy", " last week."));
    l.add(pos("NAME", "Ask Dr. ", "Okonkwo-Reyes", " first."));
    l.add(neg("NAME", "Max Retries exceeded; Adam Optimizer; Grace Period; Basil Pesto."));
    l.add(neg("NAME", "Kevin Bacon Sandwich Special and Brooklyn Nets tickets."));
    l.add(neg("NAME", "Ask Mr. Monday about the Ms. Office macros."));
    // after a context keyword, unlisted names of a name's shape, and a list of them
    l.add(pos("NAME", "CC: ", "Tomás Álvarez", ", Zoë Müller\n"));
    l.add(pos("NAME", "CC: Tomás Álvarez, ", "Zoë Müller", "\n"));
    l.add(pos("NAME", "From: Ann Lee and ", "Kofi Mensah-Boateng", "\n"));
    l.add(neg("NAME", "CC: Project Phoenix, Release Notes\nTo: Customer Service\n"));
    l.add(pos("NAME", "Client : ", "Hélène Dufrêne", "\n"));
    // "full name" is a column header and a context keyword at once
    l.add(pos("NAME", "Full name ", "Ivo Dunmore", " signed.\n"));
    // person fields in JSON, YAML and XML: one part of a name is a NAME
    l.add(pos("NAME", "{\"first_name\": \"", "Ivo", "\", \"last_name\": \"Dunmore\"}"));
    l.add(pos("NAME", "{\"firstName\":\"Ivo\",\"lastName\":\"", "Dunmore", "\"}"));
    l.add(pos("NAME", "<employee><surname>", "Vasquez-Holm", "</surname></employee>"));
    l.add(pos("NAME", "first_name: ", "Rosalind", "\nage: 40\n"));
    l.add(neg("NAME", "The first name field is required; last name = \"unknown\"."));
    // a family name found once vouches for relatives in the same text
    l.add(pos("NAME", "- Hana Dunmore, 1962\n- ", "Ivo Dunmore", ", 1964\n"));
    l.add(neg("NAME", "Ship to: 7663 Maple Grove Ave, Springfield, IL 62722"));
    l.add(pos("ADDRESS", "Ship to ", "123 Maple Street, Springfield, IL 62704", "."));
    l.add(pos("ADDRESS", "", "4500 N Lakeshore Dr, Apt 12B, Chicago, IL 60640-1234", "\n"));
    l.add(pos("ADDRESS", "Office: ", "10 Downing Street, London SW1A 2AA", ""));
    l.add(pos("ADDRESS", "", "77 Kings Road\nManchester M1 1AE", ""));
    l.add(pos("ADDRESS", "Address: ", "1600 Pennsylvania Avenue NW, Washington, DC 20500", ""));
    l.add(pos("ADDRESS", "post it to ", "PO Box 4417, Portland, OR 97208", "."));
    l.add(pos("ADDRESS", "Ship to: ", "7663 Maple Grove Ave, Springfield, IL 62722", "</p>"));
    l.add(pos("ADDRESS", "", "P.O. Box 12, Austin, TX 78701", ""));
    l.add(pos("ADDRESS", "I live at ", "Flat 3, 12 High St, Leeds LS1 4AB", " now"));
    l.add(pos("ADDRESS", "Office: ", "Suite 210, 455 Market St, San Francisco, CA 94105", ""));
    l.add(neg("ADDRESS", "PO Box office hours, Box 12, Austin"));
    l.add(pos("ADDRESS", "He moved to ", "221B Baker Street, London NW1 6XE", " in 2019."));
    l.add(neg("ADDRESS", "We sold 123 Maple Street signs in 2024."));
    return l.stream();
  }

  @ParameterizedTest(name = "{0}: {index}")
  @MethodSource("cases")
  void identifierCase(String id, String text, String value) {
    List<Finding> findings = SCANNER.scan(text);
    List<Finding> ofId = findings.stream().filter(f -> f.identifierId().equals(id)).toList();
    if (value == null) {
      assertThat(ofId).as("no %s expected; got %s", id, describe(text, findings)).isEmpty();
      return;
    }
    int start = text.indexOf(value);
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
