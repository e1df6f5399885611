package dev.sluice.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sampledata.corpus.CorpusDocument;
import dev.sluice.sampledata.corpus.Planted;
import dev.sluice.sampledata.corpus.Unit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;
import org.apache.tika.Tika;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks every committed ground-truth file against its committed document. */
class GroundTruthTest {

  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path CORPUS = MODULE.resolve("corpus");
  static final Path GROUND_TRUTH = MODULE.resolve("ground-truth");
  static final ObjectMapper JSON = new ObjectMapper();

  /** The planted-value sidecar: the generator's in-memory view of each document. */
  static final Map<String, CorpusDocument> SIDECAR =
      TestCorpus.DOCS.stream().collect(Collectors.toMap(CorpusDocument::path, Function.identity()));

  static final Set<String> REJECT_TYPES =
      Set.of(
          "AWS_CREDENTIALS",
          "GCP_API_KEY",
          "HTTP_BASIC_AUTH_HEADER",
          "JSON_WEB_TOKEN",
          "OPENSSH_PRIVATE_KEY",
          "PGP_PRIVATE_KEY",
          "PKCS",
          "PUTTY_PRIVATE_KEY",
          "STRIPE_CREDENTIALS",
          "CREDIT_CARD_NUMBER",
          "CREDIT_CARD_NUMBER_(NO_KEYWORD)",
          "CREDIT_CARD_EXPIRATION",
          "CREDIT_CARD_SECURITY_CODE",
          "CREDIT_CARD_MAGNETIC_STRIPE",
          "BANK_ACCOUNT_NUMBER",
          "GERMANY_BANK_ACCOUNT_NUMBER",
          "FRANCE_BANK_ACCOUNT_NUMBER",
          "UK_BANK_ACCOUNT_NUMBER",
          "SPAIN_BANK_ACCOUNT_NUMBER",
          "ITALY_BANK_ACCOUNT_NUMBER",
          "NETHERLANDS_BANK_ACCOUNT_NUMBER",
          "USA_SOCIAL_SECURITY_NUMBER",
          "USA_PASSPORT_NUMBER",
          "DRIVERS_LICENSE",
          "UK_NATIONAL_INSURANCE_NUMBER",
          "CANADA_SOCIAL_INSURANCE_NUMBER",
          "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
          "UK_NHS_NUMBER",
          "GITHUB_TOKEN",
          "SLACK_TOKEN",
          "URL_WITH_PASSWORD");

  static final Set<String> REDACT_TYPES =
      Set.of(
          "EMAIL_ADDRESS",
          "PHONE_NUMBER",
          "UK_PHONE_NUMBER",
          "GERMANY_PHONE_NUMBER",
          "FRANCE_PHONE_NUMBER",
          "SPAIN_PHONE_NUMBER",
          "ITALY_PHONE_NUMBER",
          "BRAZIL_PHONE_NUMBER",
          "NAME",
          "ADDRESS",
          "DATE_OF_BIRTH",
          "IP_ADDRESS",
          "LATITUDE_LONGITUDE",
          "HTTP_COOKIE",
          "VEHICLE_IDENTIFICATION_NUMBER");

  static Stream<String> groundTruthFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(GROUND_TRUTH)) {
      return walk
          .filter(Files::isRegularFile)
          .map(p -> GROUND_TRUTH.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("groundTruthFiles")
  void groundTruthMatchesItsDocument(String gtPath) throws Exception {
    JsonNode gt = JSON.readTree(GROUND_TRUTH.resolve(gtPath).toFile());
    String doc = gt.get("document").asText();
    assertThat(gtPath).isEqualTo(doc + ".json");
    Path file = CORPUS.resolve(doc);
    assertThat(file).exists();
    byte[] bytes = Files.readAllBytes(file);
    assertThat(gt.get("sizeBytes").asLong()).isEqualTo(bytes.length);
    assertThat(gt.get("md5").asText())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)));
    assertThat(gt.get("expectedDecision").asText()).isEqualTo(decide(gt));

    Map<String, Integer> expected = new TreeMap<>();
    gt.get("expected").forEach(e -> expected.put(e.get("type").asText(), e.get("count").asInt()));

    // 1. every published offset points at a valid value of its type
    Map<String, Integer> occurrenceCounts = new TreeMap<>();
    for (JsonNode o : gt.get("occurrences")) {
      String type = o.get("type").asText();
      String unit = o.get("unit").asText();
      String text =
          unit.isEmpty()
              ? new String(bytes, Charset.forName(gt.get("charset").asText()))
              : new String(
                  Extract.unitBytes(bytes, gt.get("format").asText(), unit),
                  StandardCharsets.UTF_8);
      int start = o.get("start").asInt();
      int end = o.get("end").asInt();
      String value = text.substring(start, end);
      assertThat(Validators.isValid(type, value))
          .as("%s at %d-%d in %s%s is a valid %s", mask(value), start, end, doc, unit, type)
          .isTrue();
      if (type.equals("AWS_CREDENTIALS")) {
        assertThat(text.substring(Math.max(0, start - 30), start))
            .contains("aws_secret_access_key");
      }
      occurrenceCounts.merge(type, 1, Integer::sum);
    }

    // 2. the sidecar agrees with the committed counts, and every planted value is valid
    CorpusDocument sidecar = SIDECAR.get(doc);
    assertThat(sidecar).as("sidecar for " + doc).isNotNull();
    Map<String, Integer> sidecarCounts = new TreeMap<>();
    for (Planted p : sidecar.planted()) {
      assertThat(Validators.isValid(p.type(), p.value()))
          .as("planted %s in %s%s is valid", p.type(), doc, p.unit())
          .isTrue();
      if (p.isManaged()) {
        sidecarCounts.merge(p.type(), 1, Integer::sum);
      }
    }
    assertThat(sidecarCounts).isEqualTo(expected);
    Map<String, Integer> customCounts = new TreeMap<>();
    gt.get("customIdentifiers")
        .forEach(e -> customCounts.put("custom:" + e.get("name").asText(), e.get("count").asInt()));
    gt.get("denyTerms")
        .forEach(e -> customCounts.put("deny:" + e.get("term").asText(), e.get("count").asInt()));
    Map<String, Integer> sidecarCustom = new TreeMap<>();
    sidecar.planted().stream()
        .filter(p -> !p.isManaged())
        .forEach(p -> sidecarCustom.merge(p.type(), 1, Integer::sum));
    assertThat(sidecarCustom).isEqualTo(customCounts);

    if (!gt.get("unscannable").isNull()) {
      assertHostile(gt, bytes);
      return;
    }
    boolean allPublished = sidecar.units().stream().allMatch(Unit::offsetsPublished);
    if (allPublished) {
      assertThat(occurrenceCounts).isEqualTo(expected);
    } else {
      // 3. binary formats: Tika finds each planted value at least as often as it was planted
      String extracted = Extract.allText(bytes);
      Map<String, Integer> multiplicity = new HashMap<>();
      sidecar.planted().forEach(p -> multiplicity.merge(p.value(), 1, Integer::sum));
      for (Map.Entry<String, Integer> e : multiplicity.entrySet()) {
        assertThat(Extract.count(extracted, Extract.normalize(e.getKey())))
            .as("occurrences of a planted value (%s) in Tika text of %s", mask(e.getKey()), doc)
            .isGreaterThanOrEqualTo(e.getValue());
      }
    }
  }

  /**
   * Hard negatives are really negative and nothing valid is planted by accident: in the decoded
   * text of every text document, each card-, SSN- or email-shaped string that passes its validator
   * lies inside a planted occurrence.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("groundTruthFiles")
  void noUnplantedValidValuesInTextDocuments(String gtPath) throws Exception {
    JsonNode gt = JSON.readTree(GROUND_TRUTH.resolve(gtPath).toFile());
    if (gt.get("charset").isNull()) {
      return;
    }
    byte[] bytes = Files.readAllBytes(CORPUS.resolve(gt.get("document").asText()));
    String text = new String(bytes, Charset.forName(gt.get("charset").asText()));
    List<int[]> planted = new java.util.ArrayList<>();
    for (JsonNode o : gt.get("occurrences")) {
      if (o.get("unit").asText().isEmpty()) {
        planted.add(new int[] {o.get("start").asInt(), o.get("end").asInt()});
      }
    }
    Map<String, java.util.regex.Pattern> shapes =
        Map.of(
            "CREDIT_CARD_NUMBER",
                java.util.regex.Pattern.compile("(?<![\\w-])\\d(?:[ -]?\\d){12,18}(?![\\w-])"),
            "USA_SOCIAL_SECURITY_NUMBER",
                java.util.regex.Pattern.compile("(?<![\\w-])\\d{3}-\\d{2}-\\d{4}(?![\\w-])"),
            "EMAIL_ADDRESS",
                java.util.regex.Pattern.compile(
                    "[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}"));
    for (Map.Entry<String, java.util.regex.Pattern> e : shapes.entrySet()) {
      java.util.regex.Matcher m = e.getValue().matcher(text);
      while (m.find()) {
        if (!Validators.isValid(e.getKey(), m.group())) {
          continue;
        }
        int s = m.start();
        int en = m.end();
        assertThat(
                planted.stream().anyMatch(p -> p[0] <= s && en <= p[1] || s <= p[0] && p[1] <= en))
            .as(
                "valid %s-shaped value %s at %d in %s is planted",
                e.getKey(), mask(m.group()), s, gtPath)
            .isTrue();
      }
    }
  }

  /** The default policy, implemented independently of the generator. */
  static String decide(JsonNode gt) {
    if (!gt.get("unscannable").isNull()) {
      return "QUARANTINE";
    }
    boolean redact = false;
    for (JsonNode e : gt.get("expected")) {
      String t = e.get("type").asText();
      if (REJECT_TYPES.contains(t)) {
        return "REJECT";
      }
      assertThat(REDACT_TYPES).as("known type " + t).contains(t);
      redact = true;
    }
    if (gt.get("customIdentifiers").size() > 0 || gt.get("denyTerms").size() > 0) {
      return "QUARANTINE";
    }
    return redact ? "REDACT" : "APPROVE";
  }

  private static void assertHostile(JsonNode gt, byte[] bytes) throws Exception {
    String reason = gt.get("unscannable").asText();
    String doc = gt.get("document").asText();
    switch (reason) {
      case "ENCRYPTED" ->
          assertThatThrownBy(() -> parse(bytes)).isInstanceOf(EncryptedDocumentException.class);
      case "MALFORMED_FILE" -> assertThatThrownBy(() -> parse(bytes)).isInstanceOf(Exception.class);
      case "NO_TEXT" -> assertThat(bytes.length == 0 ? "" : parse(bytes).strip()).isEmpty();
      case "RATIO_LIMIT" -> {
        long[] sizes = Extract.zipSizes(new ByteArrayInputStream(bytes), bytes.length);
        assertThat(sizes[1] / sizes[0]).isGreaterThan(100);
      }
      case "NESTING_LIMIT" -> {
        int depth = 0;
        byte[] current = bytes;
        while (current.length > 4 && current[0] == 'P' && current[1] == 'K') {
          try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(current))) {
            in.getNextEntry();
            current = in.readAllBytes();
          }
          depth++;
        }
        assertThat(depth).isGreaterThan(10);
      }
      case "ENTITY_EXPANSION" ->
          assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("<!ENTITY lol9");
      case "TYPE_MISMATCH" ->
          assertThat(new Tika().detect(bytes)).isNotEqualTo(new Tika().detect(doc));
      case "SIZE_LIMIT" ->
          assertThat((long) bytes.length).isGreaterThan(gt.get("sizeLimitBytes").asLong());
      default -> throw new AssertionError("unknown unscannable reason " + reason);
    }
  }

  @Test
  void corpusCoversTheCatalogueFormatsAndDecisions() throws Exception {
    List<String> required =
        List.of(
            "AWS_CREDENTIALS",
            "GCP_API_KEY",
            "HTTP_BASIC_AUTH_HEADER",
            "JSON_WEB_TOKEN",
            "OPENSSH_PRIVATE_KEY",
            "PGP_PRIVATE_KEY",
            "PKCS",
            "PUTTY_PRIVATE_KEY",
            "STRIPE_CREDENTIALS",
            "CREDIT_CARD_NUMBER",
            "CREDIT_CARD_NUMBER_(NO_KEYWORD)",
            "CREDIT_CARD_EXPIRATION",
            "CREDIT_CARD_SECURITY_CODE",
            "CREDIT_CARD_MAGNETIC_STRIPE",
            "BANK_ACCOUNT_NUMBER",
            "GERMANY_BANK_ACCOUNT_NUMBER",
            "FRANCE_BANK_ACCOUNT_NUMBER",
            "UK_BANK_ACCOUNT_NUMBER",
            "SPAIN_BANK_ACCOUNT_NUMBER",
            "ITALY_BANK_ACCOUNT_NUMBER",
            "NETHERLANDS_BANK_ACCOUNT_NUMBER",
            "USA_SOCIAL_SECURITY_NUMBER",
            "PHONE_NUMBER",
            "UK_PHONE_NUMBER",
            "GERMANY_PHONE_NUMBER",
            "FRANCE_PHONE_NUMBER",
            "SPAIN_PHONE_NUMBER",
            "ITALY_PHONE_NUMBER",
            "BRAZIL_PHONE_NUMBER",
            "DATE_OF_BIRTH",
            "USA_PASSPORT_NUMBER",
            "DRIVERS_LICENSE",
            "UK_NATIONAL_INSURANCE_NUMBER",
            "CANADA_SOCIAL_INSURANCE_NUMBER",
            "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
            "UK_NHS_NUMBER",
            "LATITUDE_LONGITUDE",
            "HTTP_COOKIE",
            "VEHICLE_IDENTIFICATION_NUMBER",
            "ADDRESS",
            "NAME",
            "EMAIL_ADDRESS",
            "IP_ADDRESS",
            "GITHUB_TOKEN",
            "SLACK_TOKEN",
            "URL_WITH_PASSWORD");
    Set<String> covered = new TreeSet<>();
    Set<String> formats = new TreeSet<>();
    Set<String> reasons = new TreeSet<>();
    Map<String, Integer> decisions = new LinkedHashMap<>();
    List<String> files = groundTruthFiles().toList();
    long corpusBytes = 0;
    for (String f : files) {
      JsonNode gt = JSON.readTree(GROUND_TRUTH.resolve(f).toFile());
      gt.get("expected").forEach(e -> covered.add(e.get("type").asText()));
      formats.add(gt.get("format").asText());
      decisions.merge(gt.get("expectedDecision").asText(), 1, Integer::sum);
      if (!gt.get("unscannable").isNull()) {
        reasons.add(gt.get("unscannable").asText());
      }
      corpusBytes += gt.get("sizeBytes").asLong();
    }
    assertThat(covered).containsAll(required);
    assertThat(files).hasSizeGreaterThanOrEqualTo(60);
    assertThat(formats).hasSizeGreaterThanOrEqualTo(15);
    assertThat(decisions.get("APPROVE")).isGreaterThanOrEqualTo(15);
    assertThat(decisions.get("REDACT")).isGreaterThanOrEqualTo(5);
    assertThat(decisions.get("REJECT")).isGreaterThanOrEqualTo(10);
    assertThat(decisions.get("QUARANTINE")).isGreaterThanOrEqualTo(8);
    assertThat(reasons)
        .contains(
            "MALFORMED_FILE",
            "ENCRYPTED",
            "RATIO_LIMIT",
            "NESTING_LIMIT",
            "ENTITY_EXPANSION",
            "NO_TEXT",
            "SIZE_LIMIT");
    assertThat(corpusBytes).isLessThan(3L * 1024 * 1024);
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      assertThat(walk.filter(Files::isRegularFile).count()).isEqualTo(files.size());
    }
  }

  private static String parse(byte[] bytes) throws Exception {
    AutoDetectParser parser = new AutoDetectParser();
    BodyContentHandler handler = new BodyContentHandler(-1);
    parser.parse(new ByteArrayInputStream(bytes), handler, new Metadata(), new ParseContext());
    return handler.toString();
  }

  /** Never print raw values, even synthetic ones: first two characters and the length. */
  private static String mask(String v) {
    return v.length() <= 2 ? "**" : v.substring(0, 2) + "***(" + v.length() + ")";
  }
}
