package dev.sluice.sampledata.corpus;

import dev.sluice.sampledata.formats.DocumentWriters;
import dev.sluice.sampledata.formats.DocumentWriters.Attachment;
import dev.sluice.sampledata.formats.DocumentWriters.Email;
import dev.sluice.sampledata.formats.DocumentWriters.Entry;
import dev.sluice.sampledata.formats.DocumentWriters.Sheet;
import dev.sluice.sampledata.formats.DocumentWriters.Slide;
import dev.sluice.sampledata.values.SyntheticValues;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The committed labelled corpus, built in memory: every document with its bytes, planted values
 * (the sidecar the tests use to check binary formats) and expected decision. {@link
 * dev.sluice.sampledata.CorpusWriter} writes it to {@code sample-data/corpus/}.
 *
 * <p>Each document draws its values from a {@link SyntheticValues} seeded with the hash of its
 * path, so adding a document never changes another. Stateless and thread-safe; every call builds
 * fresh objects.
 */
public final class Corpus {

  /** Bytes a test must configure as maximum object size for {@link #OVERSIZED_PATH}. */
  public static final long OVERSIZED_LIMIT = 256 * 1024;

  /** The document that is oversized under {@link #OVERSIZED_LIMIT}. */
  public static final String OVERSIZED_PATH = "public/datasets/sensor-readings.csv";

  private static final String CC = "CREDIT_CARD_NUMBER";
  private static final String NAME = "NAME";
  private static final String EMAIL = "EMAIL_ADDRESS";
  private static final String PHONE = "PHONE_NUMBER";
  private static final String ADDRESS = "ADDRESS";
  private static final String DOB = "DATE_OF_BIRTH";

  private Corpus() {}

  /** All corpus documents in a stable order. */
  public static List<CorpusDocument> documents() {
    List<CorpusDocument> d = new ArrayList<>();
    // hr
    d.add(payrollCsv());
    d.add(newHireDocx());
    d.add(ukEmployeeTxt());
    d.add(canadaContractorsXlsx());
    d.add(itinPdf());
    d.add(employeeDirectoryJson());
    d.add(benefitsOdt());
    d.add(birthdaysMd());
    d.add(performanceReviewTxt());
    d.add(scannedContractPdf());
    d.add(salaryBandsXlsx());
    // support
    d.add(ticketCardEml());
    d.add(ticketPhonesEml());
    d.add(chatExportJsonl());
    d.add(callbackTsv());
    d.add(escalationHtml());
    d.add(kbResetPasswordMd());
    d.add(kbExportHtml());
    d.add(kbBillingFaqTxt());
    d.add(harCaptureTxt());
    d.add(deviceReportXml());
    d.add(refundRtf());
    d.add(meetingNotesTxt());
    d.add(globexEscalationTxt());
    d.add(kbTroubleshootingPptx());
    d.add(attachmentsBundleZip());
    d.add(legacyUtf16Txt());
    d.add(latin1NotesTxt());
    d.add(garbledUploadTxt());
    // engineering
    d.add(productionEnvTxt());
    d.add(opensshKeyTxt());
    d.add(pgpKeyTxt());
    d.add(pkcsKeyTxt());
    d.add(puttyKeyTxt());
    d.add(gcpSettingsJson());
    d.add(apiAuthRunbookMd());
    d.add(buildLogTxt());
    d.add(awsSampleConfigMd());
    d.add(architectureDocx());
    d.add(accessLogTxt());
    d.add(releaseNotesMd());
    d.add(changelogXml());
    d.add(billionLaughsXml());
    d.add(zipBomb());
    d.add(nestedZipBomb());
    d.add(logsTarGz());
    d.add(designReviewPptx());
    // finance
    d.add(cardTransactionsCsv());
    d.add(sepaVendorsXlsx());
    d.add(posDumpTxt());
    d.add(wireInstructionsPdf());
    d.add(testCardsMd());
    d.add(q4ReportPdf());
    d.add(encryptedInvoicePdf());
    d.add(encryptedBudgetDocx());
    d.add(corruptLedgerPdf());
    d.add(truncatedMinutesDocx());
    d.add(expenseClaimsOds());
    // public
    d.add(productFaqMd());
    d.add(publicReleaseNotesTxt());
    d.add(landingPageHtml());
    d.add(pressReleaseDocx());
    d.add(brochurePdf());
    d.add(pricingJson());
    d.add(statusFeedJsonl());
    d.add(sitemapXml());
    d.add(datasheetOdt());
    d.add(webinarPptx());
    d.add(featureMatrixXlsx());
    d.add(productOverviewRtf());
    d.add(docsBundleTarGz());
    d.add(whitepaperMislabelled());
    d.add(emptyTxt());
    d.add(sensorReadingsCsv());
    return List.copyOf(d);
  }

  // =============================================================================================
  // builders

  private static SyntheticValues values(String path) {
    return new SyntheticValues(path.hashCode());
  }

  /** A plain-text document (UTF-8 unless told) whose offsets are published. */
  public static CorpusDocument text(
      String path, String format, PlantedText pt, List<String> negatives, String proves) {
    return text(path, format, pt, StandardCharsets.UTF_8, negatives, proves);
  }

  /** A plain-text document in the given charset (UTF-16LE gets a BOM), offsets published. */
  public static CorpusDocument text(
      String path,
      String format,
      PlantedText pt,
      Charset charset,
      List<String> negatives,
      String proves) {
    byte[] bytes = DocumentWriters.txt(pt.text(), charset);
    String cs = charset.equals(StandardCharsets.UTF_16LE) ? "UTF-16" : charset.name();
    Unit unit = new Unit("", format, pt.text(), pt.planted(), List.of(), true);
    return new CorpusDocument(path, format, bytes, cs, null, List.of(unit), negatives, proves, 0);
  }

  /**
   * A paragraph document (pdf, docx, odt, rtf, pptx): paragraphs are separated by blank lines in
   * {@code pt}.
   */
  public static CorpusDocument paragraphs(
      String path,
      String format,
      String title,
      PlantedText pt,
      List<String> negatives,
      String proves) {
    List<String> paras = Arrays.asList(pt.text().split("\n\n", -1));
    byte[] bytes =
        switch (format) {
          case "pdf" -> DocumentWriters.pdf(title, paras);
          case "docx" -> DocumentWriters.docx(title, paras);
          case "odt" -> DocumentWriters.odt(title, paras);
          case "rtf" -> DocumentWriters.rtf(paras);
          case "pptx" -> {
            List<Slide> slides = new ArrayList<>();
            for (int i = 0; i < paras.size(); i++) {
              String[] lines = paras.get(i).split("\n", -1);
              slides.add(new Slide(title + " - " + (i + 1), Arrays.asList(lines)));
            }
            yield DocumentWriters.pptx(slides);
          }
          default -> throw new IllegalArgumentException("not a paragraph format: " + format);
        };
    Unit unit = new Unit("", format, pt.text(), pt.planted(), List.of(), false);
    return new CorpusDocument(path, format, bytes, null, null, List.of(unit), negatives, proves, 0);
  }

  /**
   * A spreadsheet (xlsx, ods): {@code pt} holds lines {@code #sheet:Name} followed by tab-separated
   * rows.
   */
  public static CorpusDocument sheets(
      String path, String format, PlantedText pt, List<String> negatives, String proves) {
    List<Sheet> sheets = parseSheets(pt.text());
    byte[] bytes =
        format.equals("xlsx") ? DocumentWriters.xlsx(sheets) : DocumentWriters.ods(sheets);
    Unit unit = new Unit("", format, pt.text(), pt.planted(), sheets, false);
    return new CorpusDocument(path, format, bytes, null, null, List.of(unit), negatives, proves, 0);
  }

  /** Parses the {@code #sheet:Name} + TSV convention of {@link #sheets}. */
  public static List<Sheet> parseSheets(String text) {
    List<Sheet> sheets = new ArrayList<>();
    String name = null;
    List<List<String>> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("#sheet:")) {
        if (name != null) {
          sheets.add(new Sheet(name, rows));
        }
        name = line.substring(7);
        rows = new ArrayList<>();
      } else if (!line.isEmpty()) {
        rows.add(Arrays.asList(line.split("\t", -1)));
      }
    }
    if (name != null) {
      sheets.add(new Sheet(name, rows));
    }
    return sheets;
  }

  /** A file inside an archive or attached to an email: entry name, MIME type, document. */
  public record Part(String name, String mimeType, CorpusDocument doc) {}

  private static List<Unit> reroot(List<Part> parts) {
    List<Unit> units = new ArrayList<>();
    for (Part part : parts) {
      for (Unit u : part.doc().units()) {
        units.add(
            new Unit(
                "/" + part.name() + u.path(),
                u.format(),
                u.text(),
                u.planted(),
                u.sheets(),
                u.offsetsPublished()));
      }
    }
    return units;
  }

  /** A zip of the parts; their units are re-rooted under {@code /<entry name>}. */
  public static CorpusDocument zip(
      String path, List<Part> parts, List<String> negatives, String proves) {
    List<Entry> entries = parts.stream().map(p -> new Entry(p.name(), p.doc().bytes())).toList();
    return new CorpusDocument(
        path, "zip", DocumentWriters.zip(entries), null, null, reroot(parts), negatives, proves, 0);
  }

  /** A tar.gz of the parts; their units are re-rooted under {@code /<entry name>}. */
  public static CorpusDocument tarGz(
      String path, List<Part> parts, List<String> negatives, String proves) {
    List<Entry> entries = parts.stream().map(p -> new Entry(p.name(), p.doc().bytes())).toList();
    return new CorpusDocument(
        path,
        "tar.gz",
        DocumentWriters.tarGz(entries),
        null,
        null,
        reroot(parts),
        negatives,
        proves,
        0);
  }

  /** An email whose From and To addresses count as planted EMAIL_ADDRESS values. */
  public static CorpusDocument eml(
      String path,
      String from,
      String to,
      String subject,
      PlantedText body,
      List<Part> attachments,
      List<String> negatives,
      String proves) {
    PlantedText head = new PlantedText();
    head.t("From: ").v(EMAIL, from).t("\nTo: ").v(EMAIL, to).t("\nSubject: " + subject + "\n\n");
    head.append(body);
    byte[] bytes =
        DocumentWriters.eml(
            new Email(
                from,
                to,
                subject,
                body.text(),
                attachments.stream()
                    .map(a -> new Attachment(a.name(), a.mimeType(), a.doc().bytes()))
                    .toList()));
    List<Unit> units = new ArrayList<>();
    units.add(new Unit("", "eml", head.text(), head.planted(), List.of(), false));
    units.addAll(reroot(attachments));
    return new CorpusDocument(path, "eml", bytes, null, null, units, negatives, proves, 0);
  }

  /** A document that cannot be scanned for {@code reason}; it has no units. */
  public static CorpusDocument hostile(
      String path, String format, byte[] bytes, String reason, String proves) {
    return new CorpusDocument(path, format, bytes, null, reason, List.of(), List.of(), proves, 0);
  }

  // =============================================================================================
  // hr/

  static CorpusDocument payrollCsv() {
    String path = "hr/payroll-2024-02.csv";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("employee_name,ssn,bank_account_number,email,net_pay_usd");
    for (int i = 0; i < 6; i++) {
      String name = v.fullName();
      pt.v(NAME, name).t(",").v("USA_SOCIAL_SECURITY_NUMBER", v.ssn()).t(",");
      pt.v("BANK_ACCOUNT_NUMBER", v.usBankAccount()).t(",").v(EMAIL, v.email(name));
      pt.line("," + (3100 + v.random().nextInt(4000)) + ".00");
    }
    return text(
        path,
        "csv",
        pt,
        List.of(),
        "Columnar SSNs and US bank account numbers are detected through their column headers.");
  }

  static CorpusDocument newHireDocx() {
    String path = "hr/new-hire-onboarding.docx";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.t("Onboarding checklist for new starters. HR keeps this form in the personnel file.\n\n");
    pt.t("Employee: ").v(NAME, v.fullName()).t("\n\n");
    pt.t("Home address: ").v(ADDRESS, v.usAddress()).t("\n\n");
    pt.t("DOB: ").v(DOB, v.dateOfBirth()).t("\n\n");
    pt.t("Passport number: ").v("USA_PASSPORT_NUMBER", v.usPassport()).t("\n\n");
    pt.t("Driver's license: ").v("DRIVERS_LICENSE", v.driversLicense()).t("\n\n");
    pt.t("Mobile phone: ").v(PHONE, v.usPhone()).t("\n\n");
    pt.t("Equipment: laptop, badge, parking permit. Orientation on the first Monday.");
    return paragraphs(
        path,
        "docx",
        "New hire onboarding",
        pt,
        List.of(),
        "Passport and driver's licence numbers with keywords in a Word file lead to REJECT.");
  }

  static CorpusDocument ukEmployeeTxt() {
    String path = "hr/uk-employee-record.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("UK employee record (London office)");
    pt.line("");
    pt.t("Name: ").v(NAME, v.fullName()).line("");
    pt.t("Address: ").v(ADDRESS, v.ukAddress()).line("");
    pt.t("National Insurance number: ").v("UK_NATIONAL_INSURANCE_NUMBER", v.nino()).line("");
    pt.t("NHS number: ").v("UK_NHS_NUMBER", v.nhsNumber()).line("");
    pt.t("Phone: ").v("UK_PHONE_NUMBER", v.ukPhone()).line("");
    String iban = v.iban("GB");
    pt.t("Salary paid to IBAN ").v("UK_BANK_ACCOUNT_NUMBER", SyntheticValues.groupIban(iban));
    pt.line("");
    pt.line("Contract: permanent, 37.5 hours per week.");
    return text(
        path,
        "txt",
        pt,
        List.of(),
        "UK government identifiers (NINO, NHS number) and a spaced UK IBAN are each detected.");
  }

  static CorpusDocument canadaContractorsXlsx() {
    String path = "hr/canada-contractors.xlsx";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("#sheet:Contractors");
    pt.line("contractor\tsocial insurance number\tphone\temail");
    for (int i = 0; i < 4; i++) {
      String name = v.fullName();
      pt.v(NAME, name).t("\t").v("CANADA_SOCIAL_INSURANCE_NUMBER", v.canadaSin()).t("\t");
      pt.v(PHONE, v.usPhone()).t("\t").v(EMAIL, v.email(name)).line("");
    }
    pt.line("#sheet:Rates");
    pt.line("role\thourly_rate_cad");
    pt.line("Data engineer\t95");
    pt.line("Technical writer\t70");
    return sheets(
        path,
        "xlsx",
        pt,
        List.of(),
        "Canadian SINs in a column named 'social insurance number' are found in the first of two"
            + " sheets.");
  }

  static CorpusDocument itinPdf() {
    String path = "hr/itin-w7-summary.pdf";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.t("W-7 application summary for non-resident contractors. Internal use only.\n\n");
    for (int i = 0; i < 3; i++) {
      pt.t("Applicant: ").v(NAME, v.fullName()).t("\nMailing address: ");
      pt.v(ADDRESS, v.usAddress())
          .t("\nITIN: ")
          .v("USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", v.itin());
      pt.t("\n\n");
    }
    pt.t("Filing deadline for renewals is the end of the tax year.");
    return paragraphs(
        path,
        "pdf",
        "ITIN summary",
        pt,
        List.of(),
        "US ITINs with the keyword in a PDF text layer are extracted and detected.");
  }

  static CorpusDocument employeeDirectoryJson() {
    String path = "hr/employee-directory.json";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("{");
    pt.line("  \"team\": \"Platform\",");
    pt.line("  \"members\": [");
    for (int i = 0; i < 3; i++) {
      String name = v.fullName();
      pt.t("    {\"name\": \"").v(NAME, name).t("\", \"email\": \"").v(EMAIL, v.email(name));
      pt.t("\", \"phone\": \"").v(PHONE, v.usPhone()).t("\"}").line(i < 2 ? "," : "");
    }
    pt.line("  ]");
    pt.line("}");
    return text(
        path,
        "json",
        pt,
        List.of(),
        "Contact details only (names, emails, phones) lead to REDACT, not REJECT.");
  }

  static CorpusDocument benefitsOdt() {
    String path = "hr/benefits-enrolment.odt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.t("Benefits enrolment 2024. Dental and vision cover start on the first of the month.\n\n");
    pt.t("Employee: ").v(NAME, v.fullName()).t("\n\n");
    pt.t("Date of birth: ").v(DOB, v.dateOfBirth()).t("\n\n");
    pt.t("Address: ").v(ADDRESS, v.germanyAddress()).t("\n\n");
    pt.t("Plan: family, tier 2.");
    return paragraphs(
        path,
        "odt",
        "Benefits enrolment",
        pt,
        List.of(),
        "OpenDocument text is extracted; birth date and a German address lead to REDACT.");
  }

  static CorpusDocument birthdaysMd() {
    String path = "hr/team-birthdays.md";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("# Team birthdays");
    pt.line("");
    pt.line("Cake budget is approved per quarter.");
    pt.line("");
    for (int i = 0; i < 4; i++) {
      pt.t("- ").v(NAME, v.fullName()).t(", birthday (DOB) ").v(DOB, v.dateOfBirth()).line("");
    }
    return text(path, "md", pt, List.of(), "Names with birth dates in Markdown lead to REDACT.");
  }

  static CorpusDocument performanceReviewTxt() {
    String path = "hr/performance-review-2024.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("Performance review cycle H1");
    pt.line("");
    pt.t("Reviewee: ").v(NAME, v.fullName()).line("");
    pt.t("Employee ID: ").custom("EmployeeId", v.employeeId()).line("");
    pt.line("Rating: exceeds expectations. Promotion recommended for the next cycle.");
    return text(
        path,
        "txt",
        pt,
        List.of(),
        "A custom identifier match (EmployeeId EMP-NNNNNN with keyword) leads to QUARANTINE even"
            + " though the only managed finding is a name.");
  }

  static CorpusDocument scannedContractPdf() {
    return hostile(
        "hr/scanned-contract.pdf",
        "pdf",
        DocumentWriters.pdfWithoutText(2),
        "NO_TEXT",
        "A scanned PDF without a text layer cannot be classified and is quarantined (no OCR).");
  }

  static CorpusDocument salaryBandsXlsx() {
    PlantedText pt = new PlantedText();
    pt.line("#sheet:Bands");
    pt.line("level\tmin_usd\tmax_usd");
    pt.line("L1\t60000\t80000");
    pt.line("L2\t78000\t105000");
    pt.line("L3\t100000\t140000");
    pt.line("#sheet:Notes");
    pt.line("note");
    pt.line("Bands are reviewed every January.");
    return sheets(
        "hr/salary-bands.xlsx",
        "xlsx",
        pt,
        List.of("plain numbers that are not identifiers"),
        "An HR spreadsheet without personal data is approved.");
  }

  // =============================================================================================
  // support/

  static CorpusDocument ticketCardEml() {
    String path = "support/ticket-48213.eml";
    SyntheticValues v = values(path);
    String customer = v.fullName();
    PlantedText body = new PlantedText();
    body.line("Hello support,");
    body.line("");
    body.line("my payment failed twice. Details from the checkout page are in the attached log.");
    body.line("");
    body.t("Thanks, ").v(NAME, customer).line("");
    PlantedText log = new PlantedText();
    log.line("checkout-log 2024-02-28");
    log.t("credit card number: ").v(CC, SyntheticValues.groupCard(v.cardNumber(), " ")).line("");
    log.t("expiration: ").v("CREDIT_CARD_EXPIRATION", v.cardExpiry()).line("");
    log.t("cvv: ").v("CREDIT_CARD_SECURITY_CODE", v.cvv()).line("");
    log.line("result: declined (do_not_honor)");
    CorpusDocument att = text("checkout-log.txt", "txt", log, List.of(), "");
    return eml(
        path,
        v.email(customer),
        "support@example.com",
        "Payment failed - ticket 48213",
        body,
        List.of(new Part("checkout-log.txt", "text/plain", att)),
        List.of(),
        "Card number, expiry and CVV inside a base64 email attachment lead the whole email to"
            + " REJECT.");
  }

  static CorpusDocument ticketPhonesEml() {
    String path = "support/ticket-48377.eml";
    SyntheticValues v = values(path);
    String agent = v.fullName();
    PlantedText body = new PlantedText();
    body.line("Hi team,");
    body.line("");
    body.line("the customer asked us to call back; the numbers are in the attached PDF.");
    body.line("");
    body.v(NAME, agent).line("");
    PlantedText pdf = new PlantedText();
    pdf.t("Callback sheet\n\n");
    pdf.t("Berlin office phone: ").v("GERMANY_PHONE_NUMBER", v.germanyPhone()).t("\n\n");
    pdf.t("Paris office tel: ").v("FRANCE_PHONE_NUMBER", v.francePhone()).t("\n\n");
    pdf.t("Preferred time: mornings.");
    CorpusDocument att = paragraphs("callback.pdf", "pdf", "Callback sheet", pdf, List.of(), "");
    return eml(
        path,
        v.email(agent),
        "escalations@example.com",
        "Callback request - ticket 48377",
        body,
        List.of(new Part("callback.pdf", "application/pdf", att)),
        List.of(),
        "German and French phone numbers in a PDF attached to an email are found (REDACT).");
  }

  static CorpusDocument chatExportJsonl() {
    String path = "support/chat-export.jsonl";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    for (int i = 0; i < 5; i++) {
      String name = v.fullName();
      pt.t("{\"session\":\"" + v.uuid() + "\",\"customer\":\"").v(NAME, name);
      pt.t("\",\"email\":\"").v(EMAIL, v.email(name)).t("\",\"client_ip\":\"");
      pt.v("IP_ADDRESS", v.ipv4()).t("\",\"message\":\"");
      if (i == 2) {
        pt.t("please call me, phone ").v(PHONE, v.usPhone());
      } else {
        pt.t("how do I export my workspace?");
      }
      pt.line("\"}");
    }
    return text(
        path,
        "jsonl",
        pt,
        List.of("session ids are random UUIDs"),
        "JSON Lines chat records with names, emails, client IPs and a phone lead to REDACT;"
            + " UUIDs are not flagged.");
  }

  static CorpusDocument callbackTsv() {
    String path = "support/callback-requests.tsv";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("customer\tcountry\tphone\tnotes");
    pt.v(NAME, v.fullName()).t("\tES\t").v("SPAIN_PHONE_NUMBER", v.spainPhone());
    pt.line("\tbilling question");
    pt.v(NAME, v.fullName()).t("\tIT\t").v("ITALY_PHONE_NUMBER", v.italyPhone());
    pt.line("\tupgrade");
    pt.v(NAME, v.fullName()).t("\tBR\t").v("BRAZIL_PHONE_NUMBER", v.brazilPhone());
    pt.line("\tonboarding call");
    return text(
        path,
        "tsv",
        pt,
        List.of(),
        "Spanish, Italian and Brazilian phone numbers with country codes in a TSV lead to REDACT.");
  }

  static CorpusDocument escalationHtml() {
    String path = "support/customer-escalation.html";
    SyntheticValues v = values(path);
    String name = v.fullName();
    PlantedText pt = new PlantedText();
    pt.line("<!DOCTYPE html>");
    pt.line("<html><head><meta charset=\"utf-8\"><title>Escalation 7781</title></head><body>");
    pt.line("<h1>Escalation 7781</h1>");
    pt.t("<p>Customer: ").v(NAME, name).line("</p>");
    pt.t("<p>Contact: <a href=\"mailto:").v(EMAIL, v.email(name)).line("\">email</a></p>");
    pt.t("<p>Ship to: ").v(ADDRESS, v.usAddress()).line("</p>");
    pt.line("<p>Issue: replacement device arrived damaged.</p>");
    pt.line("</body></html>");
    return text(
        path,
        "html",
        pt,
        List.of(),
        "Values inside HTML markup (mailto link, paragraphs) are found at their source offsets.");
  }

  static CorpusDocument kbResetPasswordMd() {
    PlantedText pt = new PlantedText();
    pt.line("# Reset your password");
    pt.line("");
    pt.line("1. Open **Settings > Security**.");
    pt.line("2. Choose *Reset password* and follow the link we send to your inbox.");
    pt.line("3. Passwords need at least 14 characters.");
    pt.line("");
    pt.line("The reset link expires after 30 minutes (see ticket template KB-0042).");
    return text(
        "support/kb/reset-password.md",
        "md",
        pt,
        List.of("the words password and link without any credential"),
        "A how-to that mentions passwords but contains none is approved.");
  }

  static CorpusDocument kbExportHtml() {
    PlantedText pt = new PlantedText();
    pt.line("<!DOCTYPE html>");
    pt.line("<html><head><meta charset=\"utf-8\"><title>Export your data</title></head><body>");
    pt.line("<h1>Export your data</h1>");
    pt.line("<p>Exports are produced as CSV or JSON and kept for 7 days.</p>");
    pt.line("<p>Large workspaces are split into parts of 2 GB.</p>");
    pt.line("</body></html>");
    return text(
        "support/kb/export-data.html", "html", pt, List.of(), "A clean KB page is approved.");
  }

  static CorpusDocument kbBillingFaqTxt() {
    String path = "support/kb/billing-faq.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("Billing FAQ");
    pt.line("");
    pt.line("Q: Which card can I use to test checkout in the sandbox?");
    pt.line("A: Use the sandbox card 4242424242424242 or card 5555555555554444 with any CVC.");
    pt.line("");
    pt.line("Q: What does a typo in a card number look like?");
    pt.line("A: For example card " + v.luhnInvalidCard() + " fails the checksum.");
    pt.line("");
    pt.line("Invoices are issued on the first business day of each month.");
    return text(
        path,
        "txt",
        pt,
        List.of(
            "published test card numbers 4242424242424242 and 5555555555554444 next to 'card'",
            "a Luhn-invalid 16-digit number next to 'card'"),
        "Published test cards and Luhn-invalid numbers near the keyword are not flagged.");
  }

  static CorpusDocument harCaptureTxt() {
    String path = "support/har-capture.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("Request captured by customer for ticket 48511");
    pt.line("GET /api/v2/projects HTTP/1.1");
    pt.line("Host: app.example.com");
    pt.v("HTTP_BASIC_AUTH_HEADER", v.basicAuthHeader()).line("");
    pt.v("HTTP_COOKIE", v.cookieHeader()).line("");
    pt.line("Accept: application/json");
    pt.line("");
    pt.line("Response included a bearer token:");
    pt.t("X-Session-Token: ").v("JSON_WEB_TOKEN", v.jwt()).line("");
    return text(
        path,
        "txt",
        pt,
        List.of(),
        "A captured HTTP request leaks a Basic auth header, a cookie and a JWT: REJECT.");
  }

  static CorpusDocument deviceReportXml() {
    String path = "support/device-report.xml";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    pt.line("<deviceReport>");
    pt.t("  <vehicle vin-label=\"VIN\">").v("VEHICLE_IDENTIFICATION_NUMBER", v.vin());
    pt.line("</vehicle>");
    pt.t("  <lastPosition>coordinates: ").v("LATITUDE_LONGITUDE", v.latLong());
    pt.line("</lastPosition>");
    pt.line("  <firmware>4.2.19</firmware>");
    pt.line("</deviceReport>");
    return text(
        path,
        "xml",
        pt,
        List.of("firmware version string 4.2.19"),
        "A VIN and GPS coordinates in XML lead to REDACT.");
  }

  static CorpusDocument refundRtf() {
    String path = "support/refund-form.rtf";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.t("Refund form\n\n");
    pt.t("Requested by ").v(NAME, v.fullName()).t("\n\n");
    pt.t("The customer read out ")
        .v("CREDIT_CARD_NUMBER_(NO_KEYWORD)", v.cardNumber())
        .t(" on the phone and asked for the refund to go back there.\n\n");
    pt.t("Approved by the team lead.");
    return paragraphs(
        path,
        "rtf",
        "Refund form",
        pt,
        List.of(),
        "A valid card number without any card keyword nearby is still detected in RTF.");
  }

  static CorpusDocument meetingNotesTxt() {
    String path = "support/meeting-notes.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("Weekly support sync");
    pt.line("");
    pt.t("Spoke with ").v(NAME, v.fullName()).line(" about the rollout of the new queue rules.");
    pt.line("Backlog is down to 41 tickets. Next sync on Thursday.");
    return text(
        path,
        "txt",
        pt,
        List.of(),
        "A lone full name in prose, flagged by Macie's NAME finding even if our regex engine"
            + " misses it, leads to REDACT after the merge.");
  }

  static CorpusDocument globexEscalationTxt() {
    PlantedText pt = new PlantedText();
    pt.line("Escalation summary");
    pt.line("");
    pt.t("The ").deny("Globex").t(" renewal depends on the ").deny("Project Bluefin");
    pt.line(" milestones.");
    pt.line("Legal asked us not to share the draft terms outside the account team.");
    return text(
        "support/escalation-summary.txt",
        "txt",
        pt,
        List.of(),
        "Deny terms (a customer name and a project code name) lead to QUARANTINE without any"
            + " managed identifier.");
  }

  static CorpusDocument kbTroubleshootingPptx() {
    PlantedText pt = new PlantedText();
    pt.t("Check the service status page first\nRestart the sync agent\n\n");
    pt.t("Clear the local cache folder\nRe-run the import with verbose logging\n\n");
    pt.t("Escalate with the log bundle attached");
    return paragraphs(
        "support/kb/troubleshooting.pptx",
        "pptx",
        "Troubleshooting",
        pt,
        List.of(),
        "A clean slide deck is approved.");
  }

  static CorpusDocument attachmentsBundleZip() {
    String path = "support/attachments-bundle.zip";
    SyntheticValues v = values(path);
    PlantedText notes = new PlantedText();
    notes.line("Identity check for account recovery");
    notes.t("SSN: ").v("USA_SOCIAL_SECURITY_NUMBER", v.ssn()).line("");
    notes.line("Verified by phone.");
    CorpusDocument notesDoc = text("notes.txt", "txt", notes, List.of(), "");
    PlantedText letter = new PlantedText();
    String name = v.fullName();
    letter.t("Dear customer,\n\nwe have received your request.\n\n");
    letter.t("Reply to ").v(EMAIL, v.email(name)).t(" if anything is missing.");
    CorpusDocument letterDoc = paragraphs("letter.docx", "docx", "Letter", letter, List.of(), "");
    PlantedText fwd = new PlantedText();
    fwd.line("Forwarding the refund details.");
    CorpusDocument fwdMail =
        eml(
            "fwd.eml",
            "agent@example.com",
            "billing@example.com",
            "Fwd: refund",
            fwd,
            List.of(),
            List.of(),
            "");
    PlantedText bank = new PlantedText();
    bank.t("Refund IBAN: ")
        .v("NETHERLANDS_BANK_ACCOUNT_NUMBER", SyntheticValues.groupIban(v.iban("NL")))
        .line("");
    CorpusDocument bankDoc = text("refund.txt", "txt", bank, List.of(), "");
    CorpusDocument inner =
        zip("inner.zip", List.of(new Part("refund.txt", "text/plain", bankDoc)), List.of(), "");
    return zip(
        path,
        List.of(
            new Part("case-991/notes.txt", "text/plain", notesDoc),
            new Part("case-991/letter.docx", "application/octet-stream", letterDoc),
            new Part("case-991/fwd.eml", "message/rfc822", fwdMail),
            new Part("case-991/inner.zip", "application/zip", inner)),
        List.of(),
        "A zip holding a txt, a docx, an eml and a nested zip is scanned unit by unit; the SSN and"
            + " the IBAN two levels down make the container REJECT.");
  }

  static CorpusDocument legacyUtf16Txt() {
    String path = "support/legacy-export-utf16.txt";
    SyntheticValues v = values(path);
    String name = v.fullName();
    PlantedText pt = new PlantedText();
    pt.line("Legacy CRM export (UTF-16LE with BOM)");
    pt.t("Contact: ").v(NAME, name).t(" <").v(EMAIL, v.email(name)).line(">");
    pt.line("Status: migrated");
    return text(
        path,
        "txt",
        pt,
        StandardCharsets.UTF_16LE,
        List.of(),
        "UTF-16LE text with a BOM is decoded; offsets are into the text without the BOM.");
  }

  static CorpusDocument latin1NotesTxt() {
    String path = "support/notes-latin1.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("Notes de l'\u00e9quipe support (ISO-8859-1)");
    pt.t("Client : ").v(NAME, "H\u00e9l\u00e8ne Dufr\u00eane").line("");
    pt.t("T\u00e9l\u00e9phone : ").v("FRANCE_PHONE_NUMBER", v.francePhone()).line("");
    pt.line("Demande trait\u00e9e le 28 f\u00e9vrier.");
    return text(
        path,
        "txt",
        pt,
        StandardCharsets.ISO_8859_1,
        List.of(),
        "ISO-8859-1 text with accented names is decoded correctly and a French phone is found.");
  }

  static CorpusDocument garbledUploadTxt() {
    String path = "support/garbled-upload.txt";
    SyntheticValues v = values(path);
    String email = v.email(v.fullName());
    // The file is ASCII text with invalid UTF-8 byte sequences spliced into the middle of the
    // first line; the email sits after them on the second line.
    String ascii = "upload from kiosk, bytes follow\ncontact ";
    byte[] head = DocumentWriters.invalidUtf8(ascii);
    byte[] tail = (email + " about the broken upload\n").getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, bytes, head.length, tail.length);
    String decoded = new String(bytes, StandardCharsets.UTF_8);
    int start = decoded.indexOf(email);
    Planted p = new Planted(EMAIL, email, "", start, start + email.length());
    Unit unit = new Unit("", "txt", decoded, List.of(p), List.of(), true);
    return new CorpusDocument(
        path,
        "txt",
        bytes,
        "UTF-8",
        null,
        List.of(unit),
        List.of("invalid UTF-8 sequences C3 28, C0 AF, FF, 80"),
        "Invalid UTF-8 bytes do not stop extraction; offsets are into new String(bytes, UTF_8)"
            + " with replacement characters, and the email after them is still found.",
        0);
  }

  // =============================================================================================
  // engineering/

  static CorpusDocument productionEnvTxt() {
    String path = "engineering/deploy/production.env.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("# production environment - DO NOT COMMIT");
    pt.line("aws_access_key_id = " + v.awsAccessKeyId());
    pt.t("aws_secret_access_key = ").v("AWS_CREDENTIALS", v.awsSecretKey()).line("");
    pt.t("STRIPE_SECRET_KEY=").v("STRIPE_CREDENTIALS", v.stripeSecretKey()).line("");
    pt.t("GITHUB_TOKEN=").v("GITHUB_TOKEN", v.githubToken()).line("");
    pt.t("SLACK_BOT_TOKEN=").v("SLACK_TOKEN", v.slackToken()).line("");
    pt.t("DATABASE_URL=").v("URL_WITH_PASSWORD", v.urlWithPassword()).line("");
    pt.line("LOG_LEVEL=info");
    return text(
        path,
        "txt",
        pt,
        List.of("the AKIA access key id alone is not counted; the secret next to the keyword is"),
        "An env file with AWS, Stripe, GitHub, Slack and database credentials is rejected.");
  }

  static CorpusDocument opensshKeyTxt() {
    String path = "engineering/keys/id_ed25519.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.v("OPENSSH_PRIVATE_KEY", v.opensshPrivateKey()).line("");
    return text(path, "txt", pt, List.of(), "An OpenSSH private key block is detected as a whole.");
  }

  static CorpusDocument pgpKeyTxt() {
    String path = "engineering/keys/release-signing.asc.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("Release signing key (backup copy)");
    pt.v("PGP_PRIVATE_KEY", v.pgpPrivateKey()).line("");
    return text(path, "txt", pt, List.of(), "An ASCII-armoured PGP private key is detected.");
  }

  static CorpusDocument pkcsKeyTxt() {
    String path = "engineering/keys/tls-server.pem.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.v("PKCS", v.pkcs8PrivateKey()).line("");
    pt.line("-----BEGIN CERTIFICATE-----");
    String cert = v.randomBase64(300);
    for (int i = 0; i < cert.length(); i += 64) {
      pt.line(cert.substring(i, Math.min(cert.length(), i + 64)));
    }
    pt.line("-----END CERTIFICATE-----");
    return text(
        path,
        "txt",
        pt,
        List.of("a certificate block (public) after the key"),
        "A PKCS#8 private key is detected; the public certificate next to it is not.");
  }

  static CorpusDocument puttyKeyTxt() {
    String path = "engineering/keys/jumpbox.ppk.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.v("PUTTY_PRIVATE_KEY", v.puttyPrivateKey()).line("");
    return text(path, "txt", pt, List.of(), "A PuTTY private key file is detected.");
  }

  static CorpusDocument gcpSettingsJson() {
    String path = "engineering/config/gcp-settings.json";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("{");
    pt.line("  \"project\": \"sluice-analytics\",");
    pt.t("  \"google-api-key\": \"").v("GCP_API_KEY", v.gcpApiKey()).line("\",");
    pt.line("  \"region\": \"europe-west1\"");
    pt.line("}");
    return text(path, "json", pt, List.of(), "A Google API key under a keyword field is found.");
  }

  static CorpusDocument apiAuthRunbookMd() {
    String path = "engineering/runbooks/api-auth.md";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("# API authentication runbook");
    pt.line("");
    pt.line("Example request copied from the staging incident:");
    pt.line("");
    pt.line("```");
    pt.line("curl https://staging.example.com/v1/jobs \\");
    pt.t("  -H '").v("HTTP_BASIC_AUTH_HEADER", v.basicAuthHeader()).line("'");
    pt.line("```");
    pt.line("");
    pt.t("Service token used by the scheduler: `").v("JSON_WEB_TOKEN", v.jwt()).line("`");
    return text(
        path,
        "md",
        pt,
        List.of(),
        "Credentials pasted into a Markdown runbook (Basic auth, JWT) lead to REJECT.");
  }

  static CorpusDocument buildLogTxt() {
    String path = "engineering/build-log.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("2024-02-29T23:58:01Z build #8812 started for commit " + v.gitSha());
    pt.line("2024-02-29T23:58:03Z resolving sluice-core 3.12.7, parser 1.4.0-rc2");
    pt.line("2024-02-29T23:58:09Z cache key " + v.uuid());
    pt.line("2024-02-29T23:58:09Z artifact digest sha256-" + v.randomBase64(32));
    pt.line("2024-02-29T23:58:12Z reference book ISBN " + v.isbn13());
    pt.line("2024-02-29T23:58:15Z test run id " + v.uuid() + " passed 1432 tests");
    pt.line("2024-02-29T23:58:20Z merged " + v.gitSha() + " into release/3.12");
    pt.line("2024-02-29T23:58:21Z build #8812 finished in 00:00:20");
    return text(
        path,
        "txt",
        pt,
        List.of(
            "git SHAs", "UUIDs", "ISO timestamps", "version strings", "ISBN-13", "base64 digest"),
        "A build log full of identifier-shaped tokens (SHAs, UUIDs, timestamps, versions, ISBN,"
            + " base64) is approved.");
  }

  static CorpusDocument awsSampleConfigMd() {
    PlantedText pt = new PlantedText();
    pt.line("# Configuring credentials (documentation example)");
    pt.line("");
    pt.line("```ini");
    pt.line("[default]");
    pt.line("aws_access_key_id = AKIAIOSFODNN7EXAMPLE");
    pt.line("aws_secret_access_key = " + SyntheticValues.MACIE_SAMPLE_AWS_SECRETS.get(0));
    pt.line("```");
    pt.line("");
    pt.line("Stripe test mode key: " + SyntheticValues.MACIE_SAMPLE_STRIPE_KEYS.get(0));
    pt.line("");
    pt.line(
        "Test SSN placeholders such as 000-12-3456 and 666-45-6789 are rejected by validation.");
    return text(
        "engineering/aws-sample-config.md",
        "md",
        pt,
        List.of(
            "AWS documentation sample keys AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI...EXAMPLEKEY",
            "Stripe documentation test key sk_test_4eC39HqLyjWDarjtT1zdp7dc",
            "SSN-shaped values in invalid ranges next to the keyword SSN"),
        "Documentation sample credentials and invalid-range SSNs are skipped: APPROVE.");
  }

  static CorpusDocument architectureDocx() {
    PlantedText pt = new PlantedText();
    pt.t("The pipeline reads objects from the raw bucket, extracts text and classifies it.\n\n");
    pt.t("Decisions are written to the lineage store before any object is copied.\n\n");
    pt.t("Curated output is encrypted with a customer-managed key.");
    return paragraphs(
        "engineering/architecture.docx",
        "docx",
        "Architecture overview",
        pt,
        List.of(),
        "A clean Word document is approved.");
  }

  static CorpusDocument accessLogTxt() {
    String path = "engineering/access-log.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    for (int i = 0; i < 4; i++) {
      pt.v("IP_ADDRESS", v.ipv4());
      pt.line(" - - [29/Feb/2024:10:1" + i + ":00 +0000] \"GET /health HTTP/1.1\" 200 17");
    }
    pt.line("request headers of the slow call:");
    pt.v("HTTP_COOKIE", v.cookieHeader()).line("");
    return text(
        path,
        "txt",
        pt,
        List.of(),
        "Client IP addresses and a cookie header in an access log lead to REDACT.");
  }

  static CorpusDocument releaseNotesMd() {
    PlantedText pt = new PlantedText();
    pt.line("# Release 3.12");
    pt.line("");
    pt.line("- Faster CSV extraction (about 2x on wide files).");
    pt.line("- New `--dry-run` flag for the backfill job.");
    pt.line("- Fixed a crash on empty PDF pages.");
    return text(
        "engineering/release-notes-3.12.md",
        "md",
        pt,
        List.of("version number 3.12"),
        "Clean engineering release notes are approved.");
  }

  static CorpusDocument changelogXml() {
    PlantedText pt = new PlantedText();
    pt.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    pt.line("<changelog>");
    pt.line("  <release version=\"3.12.0\" date=\"2024-02-29\">Faster CSV extraction</release>");
    pt.line("  <release version=\"3.11.2\" date=\"2024-01-18\">Bug fixes</release>");
    pt.line("</changelog>");
    return text(
        "engineering/changelog.xml",
        "xml",
        pt,
        List.of("release dates without a birth keyword", "version strings"),
        "A clean XML changelog is approved.");
  }

  static CorpusDocument billionLaughsXml() {
    return hostile(
        "engineering/billion-laughs.xml",
        "xml",
        DocumentWriters.billionLaughs(),
        "ENTITY_EXPANSION",
        "An XML entity-expansion bomb is refused by the parser and quarantined, not expanded.");
  }

  static CorpusDocument zipBomb() {
    return hostile(
        "engineering/artifacts/build-cache.zip",
        "zip",
        DocumentWriters.zipBomb("cache.bin", 200L * 1024 * 1024),
        "RATIO_LIMIT",
        "A 200 MiB entry compressed about 1000:1 trips the compression-ratio limit.");
  }

  static CorpusDocument nestedZipBomb() {
    return hostile(
        "engineering/artifacts/nested-deps.zip",
        "zip",
        DocumentWriters.nestedZipBomb(12, 2, 4096),
        "NESTING_LIMIT",
        "Zips nested 12 levels deep (2 copies per level) exceed the nesting limit of 10.");
  }

  static CorpusDocument logsTarGz() {
    String path = "engineering/logs-2024-02.tar.gz";
    SyntheticValues v = values(path);
    PlantedText app = new PlantedText();
    app.line("2024-02-12T08:00:00Z INFO service started");
    app.t("2024-02-12T08:00:01Z DEBUG using token ").v("GITHUB_TOKEN", v.githubToken()).line("");
    app.line("2024-02-12T08:00:02Z INFO ready");
    PlantedText worker = new PlantedText();
    worker.line("2024-02-12T09:00:00Z INFO worker idle");
    return tarGz(
        path,
        List.of(
            new Part("logs/app.log", "text/plain", text("app.log", "txt", app, List.of(), "")),
            new Part(
                "logs/worker.log", "text/plain", text("worker.log", "txt", worker, List.of(), ""))),
        List.of("ISO timestamps"),
        "A GitHub token in one log file of a tar.gz rejects the whole archive.");
  }

  static CorpusDocument designReviewPptx() {
    String path = "engineering/design-review.pptx";
    SyntheticValues v = values(path);
    String name = v.fullName();
    PlantedText pt = new PlantedText();
    pt.t("Design review: lineage store\nPresenter: ").v(NAME, name).t("\n\n");
    pt.t("Questions to ").v(EMAIL, v.email(name)).t("\n\n");
    pt.t("Decision: adopt the append-only layout");
    return paragraphs(
        path,
        "pptx",
        "Design review",
        pt,
        List.of(),
        "Text in PowerPoint text boxes is extracted; a presenter name and email lead to REDACT.");
  }

  // =============================================================================================
  // finance/

  static CorpusDocument cardTransactionsCsv() {
    String path = "finance/card-transactions.csv";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("txn_id,card number,expiry,amount_eur");
    for (int i = 0; i < 5; i++) {
      pt.t("T" + (40100 + i) + ",").v(CC, v.cardNumber()).t(",");
      pt.v("CREDIT_CARD_EXPIRATION", v.cardExpiry()).line("," + (12 + i * 7) + ".50");
    }
    pt.line("T40199," + v.luhnInvalidCard() + ",01/27,3.00");
    return text(
        path,
        "csv",
        pt,
        List.of("one Luhn-invalid 16-digit number in the card column (row T40199)"),
        "Card numbers and expiry dates in named columns are detected; the Luhn-invalid row is not.");
  }

  static CorpusDocument sepaVendorsXlsx() {
    String path = "finance/sepa-vendors.xlsx";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("#sheet:Vendors");
    pt.line("vendor\tcountry\tiban");
    String[][] c = {
      {"DE", "GERMANY"}, {"FR", "FRANCE"}, {"ES", "SPAIN"}, {"IT", "ITALY"}, {"NL", "NETHERLANDS"}
    };
    int i = 0;
    for (String[] country : c) {
      String iban = v.iban(country[0]);
      pt.t("Vendor " + (char) ('A' + i++) + "\t" + country[0] + "\t");
      pt.v(
          country[1] + "_BANK_ACCOUNT_NUMBER", i % 2 == 0 ? SyntheticValues.groupIban(iban) : iban);
      pt.line("");
    }
    pt.line("#sheet:Summary");
    pt.line("vendors\tcurrency");
    pt.line("5\tEUR");
    return sheets(
        path,
        "xlsx",
        pt,
        List.of(),
        "Mod-97-valid IBANs for Germany, France, Spain, Italy and the Netherlands are detected in"
            + " compact and spaced forms.");
  }

  static CorpusDocument posDumpTxt() {
    String path = "finance/pos-terminal-dump.txt";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("POS terminal 17 debug dump");
    pt.t("mag stripe track1: ").v("CREDIT_CARD_MAGNETIC_STRIPE", v.magstripeTrack1()).line("");
    pt.t("mag stripe track2: ").v("CREDIT_CARD_MAGNETIC_STRIPE", v.magstripeTrack2()).line("");
    pt.line("end of dump");
    return text(
        path,
        "txt",
        pt,
        List.of(),
        "Magnetic stripe track 1 and track 2 data are detected (the PAN inside is part of the"
            + " track, not a separate card finding).");
  }

  static CorpusDocument wireInstructionsPdf() {
    String path = "finance/wire-instructions.pdf";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.t("Wire instructions for supplier payments\n\n");
    pt.t("UK supplier IBAN: ")
        .v("UK_BANK_ACCOUNT_NUMBER", SyntheticValues.groupIban(v.iban("GB")))
        .t("\n\n");
    pt.t("US supplier checking account: ").v("BANK_ACCOUNT_NUMBER", v.usBankAccount()).t("\n\n");
    pt.t("Payments are released every Tuesday.\f");
    pt.t("Page two: approval matrix. Amounts above 50,000 need two approvers.");
    return paragraphs(
        path,
        "pdf",
        "Wire instructions",
        pt,
        List.of(),
        "Bank account numbers in a two-page PDF are detected.");
  }

  static CorpusDocument testCardsMd() {
    String path = "finance/test-cards.md";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("# Payment sandbox test cards");
    pt.line("");
    pt.line("| brand | card number |");
    pt.line("|---|---|");
    pt.line("| Visa | 4111111111111111 |");
    pt.line("| Mastercard | 5105105105105100 |");
    pt.line("| Amex | 378282246310005 |");
    pt.line("| Discover | 6011111111111117 |");
    pt.line("");
    pt.line(
        "Typos used in negative tests: card "
            + v.luhnInvalidCard()
            + ", card "
            + v.luhnInvalidCard());
    return text(
        path,
        "md",
        pt,
        List.of(
            "published test card numbers 4111111111111111, 5105105105105100, 378282246310005,"
                + " 6011111111111117",
            "two Luhn-invalid 16-digit numbers"),
        "Published test numbers and Luhn-invalid numbers with card keywords are approved.");
  }

  static CorpusDocument q4ReportPdf() {
    PlantedText pt = new PlantedText();
    for (int i = 1; i <= 60; i++) {
      pt.t(
          "Section "
              + i
              + ". Revenue grew in every region this quarter; churn stayed flat and"
              + " gross margin improved by half a point compared with the previous quarter.");
      pt.t(i < 60 ? "\n\n" : "");
    }
    return paragraphs(
        "finance/q4-report.pdf",
        "pdf",
        "Q4 report",
        pt,
        List.of(),
        "A clean multi-page PDF (several pages of text) is approved.");
  }

  static CorpusDocument encryptedInvoicePdf() {
    return hostile(
        "finance/invoice-2024-0117.pdf",
        "pdf",
        DocumentWriters.encryptedPdf(
            "Invoice", List.of("Invoice 2024-0117", "Amount due: 1,200 EUR"), "invoice-pw"),
        "ENCRYPTED",
        "A password-protected PDF cannot be read and is quarantined.");
  }

  static CorpusDocument encryptedBudgetDocx() {
    return hostile(
        "finance/budget-2024.docx",
        "docx",
        DocumentWriters.encryptedDocx(
            "Budget 2024", List.of("Budget draft", "Headcount plan"), "budget-pw"),
        "ENCRYPTED",
        "An agile-encrypted Word document cannot be read and is quarantined.");
  }

  static CorpusDocument corruptLedgerPdf() {
    return hostile(
        "finance/ledger-export.pdf",
        "pdf",
        DocumentWriters.corruptPdf(
            "Ledger", List.of("Ledger export", "Opening balance 10,000"), 0.45),
        "MALFORMED_FILE",
        "A truncated PDF fails to parse and is quarantined, not treated as empty.");
  }

  static CorpusDocument truncatedMinutesDocx() {
    return hostile(
        "finance/board-minutes.docx",
        "docx",
        DocumentWriters.truncatedDocx(
            "Board minutes", List.of("Minutes of the March board meeting"), 0.5),
        "MALFORMED_FILE",
        "A truncated docx (zip without central directory) is quarantined.");
  }

  static CorpusDocument expenseClaimsOds() {
    String path = "finance/expense-claims.ods";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    pt.line("#sheet:Claims");
    pt.line("employee\temail\tamount");
    for (int i = 0; i < 3; i++) {
      String name = v.fullName();
      pt.v(NAME, name).t("\t").v(EMAIL, v.email(name)).line("\t" + (40 + i * 13) + ".00");
    }
    return sheets(
        path,
        "ods",
        pt,
        List.of(),
        "An OpenDocument spreadsheet is extracted; names and emails lead to REDACT.");
  }

  // =============================================================================================
  // public/

  static CorpusDocument productFaqMd() {
    PlantedText pt = new PlantedText();
    pt.line("# Product FAQ");
    pt.line("");
    pt.line("## Which file types are supported?");
    pt.line("Text, CSV, JSON, PDF, Office documents, email files and zip archives.");
    pt.line("");
    pt.line("## Is my data encrypted?");
    pt.line("Yes. Curated output is encrypted at rest with your own key.");
    return text("public/product-faq.md", "md", pt, List.of(), "A clean public FAQ is approved.");
  }

  static CorpusDocument publicReleaseNotesTxt() {
    PlantedText pt = new PlantedText();
    pt.line("Release notes - March 2024");
    pt.line("");
    pt.line("* Redaction previews in the review queue.");
    pt.line("* Support for OpenDocument spreadsheets.");
    pt.line("* Version 3.12 is the new long-term support line.");
    return text(
        "public/release-notes-2024-03.txt",
        "txt",
        pt,
        List.of(),
        "Clean public release notes are approved.");
  }

  static CorpusDocument landingPageHtml() {
    PlantedText pt = new PlantedText();
    pt.line("<!DOCTYPE html>");
    pt.line("<html><head><meta charset=\"utf-8\"><title>Sluice</title></head><body>");
    pt.line("<h1>Turn raw documents into safe training data</h1>");
    pt.line("<p>Classify, redact and curate at scale, with full lineage.</p>");
    pt.line("<p><a href=\"/pricing\">See pricing</a></p>");
    pt.line("</body></html>");
    return text(
        "public/marketing/landing-page.html",
        "html",
        pt,
        List.of(),
        "Clean marketing HTML is approved.");
  }

  static CorpusDocument pressReleaseDocx() {
    PlantedText pt = new PlantedText();
    pt.t("Sluice 3.12 is available today.\n\n");
    pt.t("The release adds redaction previews and OpenDocument support.\n\n");
    pt.t("Existing customers can upgrade from the console.");
    return paragraphs(
        "public/marketing/press-release.docx",
        "docx",
        "Press release",
        pt,
        List.of(),
        "A clean press release in Word is approved.");
  }

  static CorpusDocument brochurePdf() {
    PlantedText pt = new PlantedText();
    pt.t("Sluice keeps sensitive data out of your models.\n\n");
    pt.t("Every decision is explained and recorded.\f");
    pt.t("Deploy in your own account; nothing leaves it.");
    return paragraphs(
        "public/marketing/brochure.pdf",
        "pdf",
        "Brochure",
        pt,
        List.of(),
        "A clean two-page PDF brochure is approved.");
  }

  static CorpusDocument pricingJson() {
    PlantedText pt = new PlantedText();
    pt.line("{");
    pt.line("  \"currency\": \"USD\",");
    pt.line("  \"plans\": [");
    pt.line("    {\"name\": \"Starter\", \"monthly\": 49, \"documents\": 100000},");
    pt.line("    {\"name\": \"Team\", \"monthly\": 399, \"documents\": 2000000}");
    pt.line("  ]");
    pt.line("}");
    return text("public/pricing.json", "json", pt, List.of(), "Clean JSON is approved.");
  }

  static CorpusDocument statusFeedJsonl() {
    String path = "public/status-feed.jsonl";
    SyntheticValues v = values(path);
    PlantedText pt = new PlantedText();
    for (int i = 0; i < 4; i++) {
      pt.line(
          "{\"id\":\""
              + v.uuid()
              + "\",\"time\":\"2024-02-2"
              + i
              + "T12:00:00Z\",\"component\":\"api\",\"status\":\"operational\"}");
    }
    return text(
        path,
        "jsonl",
        pt,
        List.of("UUIDs", "ISO timestamps"),
        "A clean JSON Lines status feed with UUIDs and timestamps is approved.");
  }

  static CorpusDocument sitemapXml() {
    PlantedText pt = new PlantedText();
    pt.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    pt.line("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
    pt.line("  <url><loc>https://www.example.com/</loc><lastmod>2024-03-01</lastmod></url>");
    pt.line("  <url><loc>https://www.example.com/pricing</loc></url>");
    pt.line("</urlset>");
    return text(
        "public/sitemap.xml",
        "xml",
        pt,
        List.of("URLs without user info"),
        "URLs without credentials are not URL_WITH_PASSWORD: APPROVE.");
  }

  static CorpusDocument datasheetOdt() {
    PlantedText pt = new PlantedText();
    pt.t("Throughput: up to 10,000 documents per minute per worker.\n\n");
    pt.t("Formats: 20+ including archives and email.");
    return paragraphs(
        "public/datasheet.odt",
        "odt",
        "Datasheet",
        pt,
        List.of(),
        "A clean OpenDocument text is approved.");
  }

  static CorpusDocument webinarPptx() {
    PlantedText pt = new PlantedText();
    pt.t("Why training data needs a gate\nExamples of leaks\n\n");
    pt.t("How Sluice decides\nApprove, redact, quarantine, reject\n\n");
    pt.t("Questions");
    return paragraphs(
        "public/webinar-slides.pptx",
        "pptx",
        "Webinar",
        pt,
        List.of(),
        "A clean deck is approved.");
  }

  static CorpusDocument featureMatrixXlsx() {
    PlantedText pt = new PlantedText();
    pt.line("#sheet:Features");
    pt.line("feature\tstarter\tteam");
    pt.line("Redaction\tyes\tyes");
    pt.line("Custom identifiers\tno\tyes");
    pt.line("#sheet:Limits");
    pt.line("limit\tvalue");
    pt.line("max object size\t512 MB");
    return sheets(
        "public/feature-matrix.xlsx",
        "xlsx",
        pt,
        List.of(),
        "A clean multi-sheet workbook is approved.");
  }

  static CorpusDocument productOverviewRtf() {
    PlantedText pt = new PlantedText();
    pt.t("Product overview\n\n");
    pt.t("Sluice connects to your document buckets and produces curated datasets.");
    return paragraphs(
        "public/product-overview.rtf",
        "rtf",
        "Product overview",
        pt,
        List.of(),
        "A clean RTF document is approved.");
  }

  static CorpusDocument docsBundleTarGz() {
    PlantedText a = new PlantedText();
    a.line("# Getting started");
    a.line("Install the CLI and run the quick start.");
    PlantedText b = new PlantedText();
    b.line("Limits: 512 MB per object, 10 archive levels.");
    return tarGz(
        "public/docs-bundle.tar.gz",
        List.of(
            new Part(
                "docs/getting-started.md", "text/markdown", text("g.md", "md", a, List.of(), "")),
            new Part("docs/limits.txt", "text/plain", text("l.txt", "txt", b, List.of(), ""))),
        List.of(),
        "A clean tar.gz whose every entry is clean is approved.");
  }

  static CorpusDocument whitepaperMislabelled() {
    byte[] zipBytes =
        DocumentWriters.zip(
            List.of(new Entry("whitepaper.txt", DocumentWriters.txt("Data gates for AI.\n"))));
    return hostile(
        "public/whitepaper.pdf",
        "pdf",
        zipBytes,
        "TYPE_MISMATCH",
        "A file named .pdf whose bytes are a zip is quarantined (declared and detected types"
            + " disagree; fail closed).");
  }

  static CorpusDocument emptyTxt() {
    return hostile(
        "public/empty.txt",
        "txt",
        DocumentWriters.empty(),
        "NO_TEXT",
        "A 0-byte object yields no text and is quarantined rather than approved.");
  }

  static CorpusDocument sensorReadingsCsv() {
    StringBuilder sb = new StringBuilder("timestamp,sensor,celsius\n");
    int i = 0;
    while (sb.length() < OVERSIZED_LIMIT + 40_000) {
      sb.append(
          String.format(
              Locale.ROOT,
              "2024-02-01T%02d:%02d:%02dZ,S-%02d,%d.%d%n",
              (i / 3600) % 24,
              (i / 60) % 60,
              i % 60,
              i % 17,
              18 + i % 9,
              i % 10));
      i++;
    }
    String s = sb.toString().replace("\r\n", "\n");
    Unit unit = new Unit("", "csv", s, List.of(), List.of(), true);
    return new CorpusDocument(
        OVERSIZED_PATH,
        "csv",
        DocumentWriters.txt(s),
        "UTF-8",
        "SIZE_LIMIT",
        List.of(unit),
        List.of("ISO timestamps"),
        "An object above the configured maximum size (test sets 256 KiB) is quarantined"
            + " unread.",
        OVERSIZED_LIMIT);
  }
}
