package dev.sluice.classifiers;

import static dev.sluice.classifiers.IdentifierCasesTest.neg;
import static dev.sluice.classifiers.IdentifierCasesTest.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.classifiers.validate.Checks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, pattern classes: values as people write them in text nobody here wrote. Values are
 * synthetic (made valid by {@link Synth} and the specifications' check digits); token shapes follow
 * the vendors' documented formats. Each positive checks the finding's exact offsets into the text
 * as written; each negative that the identifier is not reported.
 */
class PatternClassesTest {
  private static final Scanner SCANNER = Scanner.builder().build();

  static Stream<Arguments> cases() {
    Synth s = new Synth(1414);
    List<Arguments> l = new ArrayList<>();
    String ssn = s.ssn();
    String bare = ssn.replace("-", "");
    String spaced = ssn.replace('-', ' ');
    String visa = s.visa();

    // 2. context words in snake_case, kebab-case, camelCase
    l.add(pos("DATE_OF_BIRTH", "date_of_birth: ", "1985-03-14", "\n"));
    l.add(pos("DATE_OF_BIRTH", "{\"dateOfBirth\":\"", "03/14/1985", "\"}"));
    l.add(pos("DATE_OF_BIRTH", "date-of-birth=", "14.03.1985", "\n"));
    l.add(pos("USA_SOCIAL_SECURITY_NUMBER", "{\"ssn\": \"", bare, "\"}"));
    l.add(pos("AWS_CREDENTIALS", "\"secretAccessKey\": \"", s.awsSecret(), "\""));
    // a quoted CSV cell with a delimiter in it keeps the row's columns (RFC 4180)
    l.add(
        pos(
            "USA_SOCIAL_SECURITY_NUMBER",
            "id,street,ssn,dob\n1,\"12 Main St, Apt 4\",",
            bare,
            ",\"14 Mar 1985\"\n"));
    l.add(
        pos(
            "DATE_OF_BIRTH",
            "id,street,ssn,dob\n1,\"12 Main St, Apt 4\"," + bare + ",\"",
            "14 Mar 1985",
            "\"\n"));
    l.add(neg("USA_SOCIAL_SECURITY_NUMBER", "id,street,note\n1,\"12 Main St, Apt 4\"," + bare));

    // 3. a date inside a longer digit string is not a date
    l.add(neg("DATE_OF_BIRTH", "DOB ref 198503141234 pending"));
    l.add(neg("DATE_OF_BIRTH", "birthday order 2019-03-14-0042 shipped"));

    // 4. values next to punctuation and in paths
    l.add(pos("USA_SOCIAL_SECURITY_NUMBER", "SSN:", ssn, ""));
    l.add(pos("USA_SOCIAL_SECURITY_NUMBER", "GET /api/people/", ssn, "/history HTTP/1.1"));
    l.add(pos("USA_SOCIAL_SECURITY_NUMBER", "saved scan_", ssn, ".pdf"));
    l.add(pos("CREDIT_CARD_NUMBER", "card=", visa, "&exp=12/29"));
    l.add(pos("CREDIT_CARD_NUMBER_(NO_KEYWORD)", "uploads/receipt_", visa, ".png"));
    l.add(neg("CREDIT_CARD_NUMBER_(NO_KEYWORD)", "order ORD-" + visa + " shipped"));
    l.add(neg("CREDIT_CARD_NUMBER_(NO_KEYWORD)", "build 7." + visa));
    l.add(neg("DRIVERS_LICENSE", "driver license field DL_" + s.digits(8)));

    // 5. wrapped and obfuscated values (offsets into the source text)
    l.add(
        pos(
            "CREDIT_CARD_NUMBER",
            "card number ",
            Synth.group(visa, 4, 4) + "\r\n" + visa.substring(8, 12) + " " + visa.substring(12),
            " thanks"));
    l.add(pos("CREDIT_CARD_NUMBER", "card ", fullwidth(Synth.group(visa, 4, 4, 4, 4)), " ok"));
    l.add(pos("USA_SOCIAL_SECURITY_NUMBER", "SSN ", ssn.replace("-", "\u200B-"), "."));
    l.add(pos("USA_SOCIAL_SECURITY_NUMBER", "SSN ", entities(ssn), "</td>"));
    String ghp = "ghp_" + s.alnum(36, Synth.ALNUM);
    l.add(pos("GITHUB_TOKEN", "token: ", ghp.substring(0, 20) + "\r\n" + ghp.substring(20), "\n"));

    // 6. SSN and national IDs without dashes where a keyword vouches
    l.add(pos("USA_SOCIAL_SECURITY_NUMBER", "SSN ", spaced, ""));
    l.add(
        pos(
            "USA_SOCIAL_SECURITY_NUMBER",
            "The SSN we hold for Mary Ann Whitfield is ",
            spaced,
            "."));
    l.add(neg("USA_SOCIAL_SECURITY_NUMBER", "ref " + spaced + " and " + bare));
    l.add(
        neg("USA_SOCIAL_SECURITY_NUMBER", "The SSN form was filed on 2024-01-02; ticket " + bare));
    l.add(pos("UK_NATIONAL_INSURANCE_NUMBER", "NI number: ", "jg103759a", ""));
    l.add(pos("UK_NATIONAL_INSURANCE_NUMBER", "national insurance ", "JG 103759 A", ""));
    l.add(neg("UK_NATIONAL_INSURANCE_NUMBER", "the code jg103759a was rejected"));
    String sin = s.sin();
    l.add(
        pos(
            "CANADA_SOCIAL_INSURANCE_NUMBER",
            "The social insurance number of the applicant is ",
            Synth.group(sin, 3, 3, 3),
            "."));
    String nhs = s.nhs();
    l.add(
        pos(
            "UK_NHS_NUMBER",
            "Her NHS number, as printed on the letter, is ",
            Synth.group(nhs, 3, 3, 4),
            "."));

    // 9. token families (vendors' documented prefixes)
    l.add(
        pos(
            "SLACK_TOKEN",
            "",
            "xapp-1-A"
                + s.alnum(10, Synth.UPPER_DIGITS)
                + "-"
                + s.digits(13)
                + "-"
                + s.alnum(64, "0123456789abcdef"),
            ""));
    l.add(pos("SLACK_TOKEN", "", "xoxe.xoxp-1-" + s.alnum(60, Synth.ALNUM), ""));
    l.add(pos("SLACK_TOKEN", "", "xoxe-1-" + s.alnum(60, Synth.ALNUM), ""));
    l.add(
        pos(
            "SLACK_WEBHOOK_URL",
            "url: ",
            "https://hooks.slack.com/services/T"
                + s.alnum(8, Synth.UPPER_DIGITS)
                + "/B"
                + s.alnum(10, Synth.UPPER_DIGITS)
                + "/"
                + s.alnum(24, Synth.ALNUM),
            "\n"));
    l.add(
        neg(
            "SLACK_WEBHOOK_URL",
            "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"));
    l.add(pos("STRIPE_CREDENTIALS", "", "rk_live_" + s.alnum(24, Synth.ALNUM), ""));
    l.add(pos("STRIPE_CREDENTIALS", "", "sk_test_" + s.alnum(99, Synth.ALNUM), ""));
    l.add(pos("STRIPE_CREDENTIALS", "secret: ", "whsec_" + s.alnum(32, Synth.ALNUM), ""));
    l.add(pos("GITHUB_TOKEN", "", "ghs_" + s.alnum(60, Synth.ALNUM), ""));
    l.add(
        pos(
            "GITHUB_TOKEN",
            "",
            "github_pat_11" + s.alnum(20, Synth.UPPER_DIGITS) + "_" + s.alnum(59, Synth.ALNUM),
            ""));
    l.add(pos("GITLAB_TOKEN", "", "glrt-" + s.alnum(20, Synth.ALNUM + "_-"), "."));
    l.add(pos("GITLAB_TOKEN", "", "gldt-" + s.alnum(20, Synth.ALNUM), ""));
    String keyId = s.awsKeyId();
    String secret = s.awsSecret();
    l.add(
        pos(
            "AWS_CREDENTIALS",
            "[prod]\naws_access_key_id = "
                + keyId
                + "\nregion = eu-west-1\noutput = json\nendpoint_url = https://s3.example.com\nkey = ",
            secret,
            "\n"));
    l.add(
        neg(
            "AWS_CREDENTIALS",
            "[prod]\naws_access_key_id = " + keyId + "\n\n\nchecksum: " + secret + "\n"));
    l.add(
        pos(
            "PKCS",
            "",
            "-----BEGIN EC PRIVATE KEY-----\n"
                + s.alnum(40, Synth.ALNUM)
                + "\n-----END EC PRIVATE KEY-----",
            ""));
    l.add(
        pos(
            "PKCS",
            "",
            "-----BEGIN RSA PRIVATE KEY-----\n"
                + s.alnum(64, Synth.ALNUM)
                + "\n"
                + s.alnum(30, Synth.ALNUM),
            "\n\nThe rest was cut off."));
    l.add(neg("PKCS", "-----BEGIN RSA PRIVATE KEY-----\n-----END RSA PRIVATE KEY-----"));
    l.add(neg("PKCS", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"));
    l.add(
        pos(
            "HTTP_BASIC_AUTH_HEADER",
            "upstream_auth = ",
            "Basic " + b64("svc-" + s.digits(3) + ":" + s.alnum(16, Synth.ALNUM)),
            "\n"));
    l.add(neg("HTTP_BASIC_AUTH_HEADER", "auth = Basic " + b64("no-colon-here-" + s.digits(4))));
    l.add(neg("HTTP_BASIC_AUTH_HEADER", "The Basic plan includes Authentication and Reporting."));
    l.add(pos("INTERNATIONAL_BANK_ACCOUNT_NUMBER", "IBAN ", group4(iban("BE", 16, s)), "."));
    l.add(pos("INTERNATIONAL_BANK_ACCOUNT_NUMBER", "IBAN ", iban("AT", 20, s), ""));
    l.add(pos("INTERNATIONAL_BANK_ACCOUNT_NUMBER", "konto ", iban("NO", 15, s), ""));

    // 10. what must not be reported
    l.add(neg("STRIPE_CREDENTIALS", "pk_live_" + s.alnum(24, Synth.ALNUM)));
    l.add(neg("STRIPE_CREDENTIALS", "publishable pk_test_" + s.alnum(24, Synth.ALNUM)));
    l.add(neg("STRIPE_CREDENTIALS", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"));
    l.add(neg("STRIPE_CREDENTIALS", "sk_live_abababababababababab"));
    l.add(neg("STRIPE_CREDENTIALS", "sk_test_0123456789abcdefghij"));
    l.add(neg("GITHUB_TOKEN", "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"));
    l.add(neg("GITHUB_TOKEN", "ghp_YourPersonalAccessTokenGoesHere0000"));
    l.add(neg("GCP_API_KEY", "key=AIza" + "#".repeat(35)));
    l.add(neg("AWS_ACCESS_KEY_ID", "AKIAXXXXXXXXXXXXXXXX"));
    l.add(neg("SLACK_TOKEN", "xoxb-000000000000-000000000000-xxxxxxxxxxxxxxxxxxxxxxxx"));
    l.add(neg("IP_ADDRESS", "firmware version 4.22.10.197 released"));
    l.add(neg("IP_ADDRESS", "Revision: 1.12.2.3"));
    l.add(neg("DATE_OF_BIRTH", "## 2.4.0 (2024-03-14)\n- born-again parser"));
    l.add(neg("DATE_OF_BIRTH", "v5.0.1 \"Birthday edition\" (2024-03-14)\n"));
    l.add(neg("IP_ADDRESS", "mypkg (2.10.0.9-3) unstable; urgency=medium"));
    l.add(neg("IP_ADDRESS", "Depends: libfoo (>= 0.1.99.2), zlib-1.2.8.1, epoch 1:24.3.4.1+dfsg"));
    l.add(neg("IP_ADDRESS", "Bump Standards-Version to 4.6.2.0"));
    l.add(neg("IP_ADDRESS", "  2014-03-11 (3.8.4.1)\n"));
    l.add(pos("IP_ADDRESS", "allow ", "10.0.0.1", "-10.0.0.9 only"));
    l.add(neg("USA_SOCIAL_SECURITY_NUMBER", "SSN: ***-**-" + ssn.substring(7)));
    l.add(neg("CREDIT_CARD_NUMBER", "card XXXX-XXXX-XXXX-" + visa.substring(12)));
    String be = iban("BE", 16, s);
    String badBe = be.substring(0, 2) + ((be.charAt(2) - '0' + 1) % 10) + be.substring(3);
    l.add(neg("INTERNATIONAL_BANK_ACCOUNT_NUMBER", "IBAN " + badBe));

    // placeholder words count only as written (your, YOUR, Your): a random body may hold "FAke"
    l.add(pos("STRIPE_CREDENTIALS", "", "sk_live_b7QmFAkeR2" + s.alnum(14, Synth.ALNUM), ""));
    l.add(
        pos(
            "SLACK_TOKEN",
            "",
            "xoxb-"
                + s.digits(12)
                + "-"
                + s.digits(13)
                + "-Kq7SCA7ZB8H8IsD6"
                + "YoURs"
                + s.alnum(3, Synth.ALNUM),
            ""));
    // a long line of prose with "3.5" exactly 120 chars before the date is not a heading
    String tail = " litres were logged. Date of birth: ";
    int gap = 120 - (3 + tail.length());
    String line =
        "Notes from the desk, about the audit: 3.5"
            + " and".repeat(gap / 4)
            + " ".repeat(gap % 4)
            + tail;
    l.add(pos("DATE_OF_BIRTH", line, "11/10/1982", ""));

    // 11. IP addresses as written
    l.add(pos("IP_ADDRESS", "listen on ", "::1", " only"));
    l.add(pos("IP_ADDRESS", "route ", "10.0.0.0/8", " via gw"));
    l.add(pos("IP_ADDRESS", "link-local ", "fe80::/10", "."));
    l.add(pos("IP_ADDRESS", "ping ", "fe80::1ff:fe23:4567:890a%eth0", ""));
    l.add(pos("IP_ADDRESS", "peer ", "::ffff:192.0.2.128", ""));
    l.add(pos("IP_ADDRESS", "", "abcd:ef01:2345:6789:abcd:ef01:2345:6789", ","));
    l.add(neg("IP_ADDRESS", "db::add(x); std::vector; at 12:: o'clock"));
    return l.stream();
  }

  @ParameterizedTest(name = "{0}: {index}")
  @MethodSource("cases")
  void patternCase(String id, String text, String value) {
    new IdentifierCasesTest().identifierCase(id, text, value);
  }

  @Test
  void birthKeywordVouchesForItsOwnDateOnly() {
    String text = "New starter (date of birth 1985-03-14) begins on 2024-06-13.";
    List<Finding> dob =
        SCANNER.scan(text).stream().filter(f -> f.identifierId().equals("DATE_OF_BIRTH")).toList();
    assertThat(dob).hasSize(1);
    assertThat(dob.get(0).start()).isEqualTo(text.indexOf("1985-03-14"));
  }

  @Test
  void ipv4MappedAddressIsOneFinding() {
    String text = "client ::ffff:198.51.100.7 connected";
    List<Finding> ips =
        SCANNER.scan(text).stream().filter(f -> f.identifierId().equals("IP_ADDRESS")).toList();
    assertThat(ips).hasSize(1);
    assertThat(text.substring(ips.get(0).start(), ips.get(0).end()))
        .isEqualTo("::ffff:198.51.100.7");
  }

  private static String fullwidth(String ascii) {
    StringBuilder sb = new StringBuilder();
    for (char c : ascii.toCharArray()) {
      sb.append(c >= '!' && c <= '~' ? (char) (c + 0xFEE0) : c);
    }
    return sb.toString();
  }

  private static String entities(String ascii) {
    StringBuilder sb = new StringBuilder();
    for (char c : ascii.toCharArray()) {
      sb.append(Character.isDigit(c) ? "&#" + (int) c + ";" : String.valueOf(c));
    }
    return sb.toString();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** An IBAN of {@code code} and {@code length} with valid mod-97 check digits (ISO 13616). */
  private static String iban(String code, int length, Synth s) {
    String bban = s.digits(length - 4);
    for (int cd = 2; cd <= 98; cd++) {
      String v = code + String.format("%02d", cd) + bban;
      if (Checks.ibanMod97(v.toCharArray(), 0, v.length())) {
        return v;
      }
    }
    throw new IllegalStateException("no check digits");
  }

  private static String group4(String s) {
    return Synth.group4(s);
  }
}
