package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.sluice.ingest.aws.AwsClients;
import dev.sluice.localaws.LocalAws;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Canary audit (issue 15): a corpus of documents, each planting unique synthetic values in one
 * channel (body, e-mail headers, document metadata, comments, archive entries and comments,
 * attachment names, line-broken and obfuscated forms), goes through the real {@code ingest} CLI on
 * S3Mock and the KMS emulator in both sink modes. Then every output a person or a model can read is
 * searched for every canary, byte for byte, as UTF-8, UTF-16LE/BE and JSON-escaped, inside gzip
 * streams, zip entries (DOCX, archives) and Flate streams of PDFs too: the curated objects (read
 * back through GetObject, i.e. decrypted), sidecars and manifests, the reports and findings, the H2
 * lineage and job database files, captured stdout, stderr and logs, and the data directory (spool,
 * extraction workspace) plus every file written to {@code java.io.tmpdir} during the run. Zero
 * hits.
 *
 * <p>Positive controls keep the search honest: a clean document's marker must be found in the
 * curated objects of both modes (so decryption, gzip and the walk work), and the findings must name
 * the parts where the canaries sat ({@code header:From}, {@code metadata:dc:creator}, ...).
 *
 * <p>Add channels by adding {@link CanaryCase}s to {@link #cases()}. Not here yet: canaries in
 * source keys, folder names and file names (the "names of things" channel, issue 15 item 3), which
 * still reach reports, lineage and object keys until that part of the issue lands.
 */
@ExtendWith(OutputCaptureExtension.class)
class LeakAuditIT {
  static final String DATE = "2026-02-01";
  static final String CONTROL = "Control marker QXV7 clean release notes";

  /** One planted source object: its key, bytes and the canary values it carries. */
  record CanaryCase(String channel, String key, byte[] bytes, List<String> canaries) {}

  static LocalAws aws;
  static S3Client s3;
  @TempDir static Path tmp;
  static Instant started;

  static String card(String partial) {
    for (int d = 0; d <= 9; d++) {
      String c = partial + d;
      if (dev.sluice.classifiers.validate.Luhn.isValid(c)) {
        return c;
      }
    }
    throw new IllegalStateException();
  }

  static String email(String local) {
    return local + ".canary@leak-audit.test";
  }

  /** The canary corpus: one case per channel; every value is unique in the whole corpus. */
  static List<CanaryCase> cases() {
    List<CanaryCase> cases = new ArrayList<>();
    // body
    String bodySsn = "231-47-6021";
    cases.add(
        txt("body", "body/payroll.txt", "Payroll record SSN " + bodySsn + " for March.", bodySsn));
    String bodyMail = email("body");
    cases.add(
        txt(
            "body",
            "body/ticket.txt",
            "Customer " + bodyMail + " cannot log in since Monday.",
            bodyMail));
    // e-mail headers and attachment names
    String from = email("hdrfrom");
    String to = email("hdrto");
    String cc = email("hdrcc");
    String xhdr = email("hdrx");
    String attach = email("attach");
    cases.add(
        new CanaryCase(
            "headers+attachment-name",
            "mail/headers.eml",
            eml(
                "From: Audit Sender <" + from + ">",
                "To: " + to,
                "Cc: " + cc,
                "Subject: Weekly status",
                "X-Requested-For: " + xhdr,
                "notes-" + attach + ".txt"),
            List.of(from, to, cc, xhdr, attach)));
    String subjectSsn = "231-47-6022";
    cases.add(
        new CanaryCase(
            "header-subject",
            "mail/subject.eml",
            eml(
                "From: ops@leak-audit.test",
                "To: ops@leak-audit.test",
                "Cc: ops@leak-audit.test",
                "Subject: case SSN " + subjectSsn,
                "X-Requested-For: nobody",
                "notes.txt"),
            List.of(subjectSsn)));
    // document metadata and comments
    String creator = email("creator");
    String customCard = card("455673758689901");
    String keywordsSsn = "231-47-6023";
    String comment = email("comment");
    String commentAuthor = email("commentauthor");
    cases.add(
        new CanaryCase(
            "metadata:creator+comment",
            "docs/creator.docx",
            docx(creator, null, null, comment, commentAuthor),
            List.of(creator, comment, commentAuthor)));
    cases.add(
        new CanaryCase(
            "metadata:custom",
            "docs/custom.docx",
            docx("Audit", "card " + customCard, null, null, null),
            List.of(customCard)));
    cases.add(
        new CanaryCase(
            "metadata:keywords",
            "docs/keywords.docx",
            docx("Audit", null, "SSN " + keywordsSsn, null, null),
            List.of(keywordsSsn)));
    String pdfAuthor = email("pdfauthor");
    String xmp = email("xmp");
    cases.add(
        new CanaryCase(
            "metadata:pdf-info+xmp",
            "docs/notes.pdf",
            pdf(pdfAuthor, xmp),
            List.of(pdfAuthor, xmp)));
    // archives: entry content, entry names, entry comments, archive comment
    String entrySsn = "231-47-6024";
    String entryName = email("entryname");
    String entryComment = email("entrycomment");
    String zipCommentSsn = "231-47-6025";
    cases.add(
        new CanaryCase(
            "zip:entry",
            "zip/entry.zip",
            zip(null, "hr/record.txt", "Employee SSN " + entrySsn, null),
            List.of(entrySsn)));
    cases.add(
        new CanaryCase(
            "zip:entry-name+entry-comment",
            "zip/names.zip",
            zip(null, "hr/" + entryName + ".txt", "Meeting notes.", entryComment),
            List.of(entryName, entryComment)));
    cases.add(
        new CanaryCase(
            "zip:comment",
            "zip/comment.zip",
            zip("SSN " + zipCommentSsn, "notes.txt", "Meeting notes.", null),
            List.of(zipCommentSsn)));
    // split and obfuscated forms the engine may not read: the sink guard must hold them
    String brokenCard = card("455673758689902");
    cases.add(
        txt(
            "line-broken card",
            "obf/linebroken.txt",
            "Card on file "
                + brokenCard.substring(0, 4)
                + " "
                + brokenCard.substring(4, 8)
                + "\n"
                + brokenCard.substring(8, 12)
                + " "
                + brokenCard.substring(12)
                + " thanks.",
            brokenCard,
            brokenCard.substring(0, 4)
                + " "
                + brokenCard.substring(4, 8)
                + "\n"
                + brokenCard.substring(8, 12)
                + " "
                + brokenCard.substring(12)));
    String zwSsn = "231-47-6026";
    cases.add(
        txt(
            "zero-width",
            "obf/zerowidth.txt",
            "Record 231\u200B-47\u200B-6026 filed.",
            zwSsn,
            "231\u200B-47\u200B-6026"));
    String fwCard = card("455673758689903");
    cases.add(
        txt(
            "fullwidth",
            "obf/fullwidth.txt",
            "Card " + fullwidth(fwCard) + " charged.",
            fwCard,
            fullwidth(fwCard)));
    String entityMail = email("entity");
    String encoded = entityMail.replace("@", "&#64;").replace(".", "&#46;");
    cases.add(
        new CanaryCase(
            "html-entity",
            "obf/entity.html",
            DocumentWriters.txt(
                "<html><body><p>Write to " + encoded + " for access.</p></body></html>"),
            List.of(entityMail, encoded)));
    String awsKey = "AKIA7QLEAKAUDIT2Z6Q4";
    cases.add(
        txt("credential", "body/deploy.txt", "deploy key " + awsKey + " rotate monthly", awsKey));
    return cases;
  }

  static CanaryCase txt(String channel, String key, String text, String... canaries) {
    return new CanaryCase(channel, key, DocumentWriters.txt(text), List.of(canaries));
  }

  static String fullwidth(String digits) {
    StringBuilder sb = new StringBuilder();
    digits.chars().forEach(c -> sb.append((char) (c - '0' + '\uFF10')));
    return sb.toString();
  }

  static byte[] eml(String from, String to, String cc, String subject, String x, String file) {
    String b = "b-audit";
    String eml =
        String.join(
            "\r\n",
            from,
            to,
            cc,
            subject,
            x,
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"" + b + "\"",
            "",
            "--" + b,
            "Content-Type: text/plain; charset=UTF-8",
            "",
            "Status is green this week.",
            "--" + b,
            "Content-Type: text/plain; name=\"" + file + "\"",
            "Content-Disposition: attachment; filename=\"" + file + "\"",
            "",
            "Minutes of the weekly call.",
            "--" + b + "--",
            "");
    return eml.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] docx(
      String creator, String custom, String keywords, String comment, String commentAuthor) {
    try (XWPFDocument doc = new XWPFDocument()) {
      doc.createParagraph().createRun().setText("Onboarding guide: install the agent.");
      POIXMLProperties props = doc.getProperties();
      props.getCoreProperties().setCreator(creator);
      if (custom != null) {
        props.getCustomProperties().addProperty("Reviewer", custom);
      }
      if (keywords != null) {
        props.getCoreProperties().setKeywords(keywords);
      }
      if (comment != null) {
        XWPFComment c = doc.createComments().createComment(BigInteger.ONE);
        c.setAuthor(commentAuthor);
        c.createParagraph().createRun().setText("Ask " + comment);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] pdf(String author, String xmpDescription) {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        cs.newLineAtOffset(50, 700);
        cs.showText("Release notes for the agent.");
        cs.endText();
      }
      doc.getDocumentInformation().setAuthor(author);
      String xmp =
          "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
              + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
              + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
              + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
              + "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">Ask "
              + xmpDescription
              + "</rdf:li></rdf:Alt></dc:description>"
              + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
      PDMetadata meta = new PDMetadata(doc);
      meta.importXMPMetadata(xmp.getBytes(StandardCharsets.UTF_8));
      doc.getDocumentCatalog().setMetadata(meta);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] zip(String comment, String entry, String text, String entryComment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      if (comment != null) {
        z.setComment(comment);
      }
      ZipEntry e = new ZipEntry(entry);
      if (entryComment != null) {
        e.setComment(entryComment);
      }
      z.putNextEntry(e);
      z.write(text.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @BeforeAll
  static void start() throws IOException {
    started = Instant.now().minusSeconds(2);
    aws =
        LocalAws.start(
            LocalAws.Config.builder()
                .bucket(LocalStack.RAW)
                .bucket(LocalStack.CURATED)
                .kmsKey("alias/it-curated", LocalStack.KEY_ID)
                .s3StoreRoot(Files.createDirectories(tmp.resolve("s3-store")))
                .build());
    s3 =
        AwsClients.s3(
            dev.sluice.ingest.aws.AwsSettings.local(
                aws.region(), aws.s3Endpoint(), aws.kmsEndpoint(), aws.macieEndpoint()));
    Set<String> unique = new LinkedHashSet<>();
    for (CanaryCase c : cases()) {
      for (String v : c.canaries()) {
        assertThat(unique.add(v)).as("canary %s is unique", v).isTrue();
      }
      put(c.key(), c.bytes());
    }
    put("control/clean.txt", DocumentWriters.txt(CONTROL + " in text."));
    put("control/clean.docx", DocumentWriters.docx("Notes", List.of(CONTROL + " in Word.")));
  }

  static void put(String key, byte[] bytes) {
    s3.putObject(r -> r.bucket(LocalStack.RAW).key(key), RequestBody.fromBytes(bytes));
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  List<String> flags(Path dataDir, Path outDir) {
    List<String> f = new ArrayList<>();
    f.add("--sluice.aws.region=" + aws.region());
    f.add("--sluice.aws.s3-endpoint=" + aws.s3Endpoint());
    f.add("--sluice.aws.kms-endpoint=" + aws.kmsEndpoint());
    f.add("--sluice.aws.macie-endpoint=" + aws.macieEndpoint());
    f.add("--sluice.aws.path-style=true");
    f.add("--sluice.aws.access-key=it");
    f.add("--sluice.aws.secret-key=it");
    f.add("--sluice.dataset.name=support-kb");
    f.add("--sluice.dataset.bucket=" + LocalStack.CURATED);
    f.add("--sluice.dataset.kms-key-id=" + LocalStack.KEY_ID);
    f.add("--sluice.data-dir=" + dataDir);
    f.add("--sluice.output-dir=" + outDir);
    f.add("--sluice.job.threads=2");
    f.add("--sluice.job.chunk-size=4");
    return f;
  }

  @ParameterizedTest(name = "sink mode {0}")
  @ValueSource(strings = {"jsonl", "documents"})
  void noCanaryReachesAnyOutputInEitherSinkMode(String mode, CapturedOutput logs) throws Exception {
    String runId = "leak-" + mode;
    Path dataDir = tmp.resolve("data-" + mode);
    Path outDir = tmp.resolve("out-" + mode);
    List<String> args =
        new ArrayList<>(
            List.of("ingest", "s3://" + LocalStack.RAW + "/", "--run-id", runId, "--date", DATE));
    args.addAll(flags(dataDir, outDir));
    args.add("--sluice.sink.mode=" + mode);
    TestCli.Run run = TestCli.run(args.toArray(String[]::new));
    assertThat(run.code())
        .as(run.out() + run.err())
        .isIn(dev.sluice.app.cli.SluiceCli.OK, dev.sluice.app.cli.SluiceCli.HELD_BACK);

    // every output, as bytes, by where it was found
    Map<String, byte[]> outputs = new TreeMap<>();
    String prefix =
        "support-kb/classification=internal/ingest_date=" + DATE + "/run=" + runId + "/";
    List<S3Object> curated =
        s3
            .listObjectsV2Paginator(r -> r.bucket(LocalStack.CURATED).prefix(prefix))
            .contents()
            .stream()
            .toList();
    assertThat(curated).as("curated objects of %s", runId).isNotEmpty();
    for (S3Object o : curated) {
      byte[] body =
          s3.getObjectAsBytes(r -> r.bucket(LocalStack.CURATED).key(o.key())).asByteArray();
      outputs.put("s3://" + LocalStack.CURATED + "/" + o.key(), body);
      outputs.put("key of s3://" + LocalStack.CURATED + "/" + o.key(), bytes(o.key()));
    }
    if (mode.equals("documents")) {
      // keys are keyed ids (doc-<id>.<ext>): an approved text file is written as its original, an
      // approved DOCX only as its text rendition (.txt), never as a .docx
      assertThat(curated).extracting(S3Object::key).noneMatch(k -> k.endsWith(".docx"));
      List<String> controls =
          outputs.entrySet().stream()
              .filter(e -> e.getKey().startsWith("s3://") && !e.getKey().endsWith(".json"))
              .filter(e -> new String(e.getValue(), StandardCharsets.UTF_8).contains(CONTROL))
              .map(Map.Entry::getKey)
              .toList();
      assertThat(controls)
          .as("both control documents are written, as .txt")
          .hasSize(2)
          .allMatch(k -> k.matches(".*/doc-[0-9a-f]{32}\\.txt"));
    }
    readFiles(dataDir, outputs, null);
    readFiles(outDir, outputs, null);
    readFiles(Path.of(System.getProperty("java.io.tmpdir")), outputs, started);
    outputs.put("cli stdout", bytes(run.out()));
    outputs.put("cli stderr", bytes(run.err()));
    outputs.put("captured stdout/stderr and logs", bytes(logs.getAll()));
    assertThat(outputs.keySet())
        .as("the audit reads the H2 database, the reports and the findings")
        .anyMatch(k -> k.endsWith(".mv.db"))
        .anyMatch(k -> k.contains("findings") && k.endsWith(".jsonl"))
        .anyMatch(k -> k.endsWith("report.json"));

    // positive controls: the search sees decrypted, gunzipped curated content
    assertThat(hits(outputs, List.of(CONTROL)))
        .as("the clean control documents are written and found by the search")
        .isNotEmpty();
    String findings = new String(concatFindings(outDir, outputs), StandardCharsets.UTF_8);
    for (String part :
        List.of(
            "header:From",
            "header:To",
            "header:Cc",
            "header:Subject",
            "header:X-Requested-For",
            "attachment:name",
            "metadata:dc:creator",
            "metadata:custom:Reviewer",
            "metadata:meta:keyword",
            "ooxml:comments",
            "zip:comment",
            "zip:entry-comment",
            "entry:name")) {
      assertThat(findings).as("findings name the part %s", part).contains("\"" + part + "\"");
    }

    // zero hits for every canary, in every encoding, in every output
    List<String> canaries = new ArrayList<>();
    cases().forEach(c -> canaries.addAll(c.canaries()));
    Map<String, List<String>> found = hits(outputs, canaries);
    assertThat(found).as("canaries found in outputs of %s mode", mode).isEmpty();
  }

  static byte[] concatFindings(Path outDir, Map<String, byte[]> outputs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    outputs.forEach(
        (k, v) -> {
          if (k.startsWith(outDir.toString()) && k.contains("findings")) {
            out.writeBytes(v);
          }
        });
    return out.toByteArray();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads every regular file under {@code root} (modified since {@code since}, if given). */
  static void readFiles(Path root, Map<String, byte[]> out, Instant since) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    Path s3Store = tmp.resolve("s3-store");
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            // the emulator's storage stands in for S3 itself (raw bucket included): curated
            // objects are read through GetObject instead
            return dir.startsWith(s3Store)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!attrs.isRegularFile() || attrs.size() > 64L << 20) {
              return FileVisitResult.CONTINUE;
            }
            if (since != null && attrs.lastModifiedTime().toInstant().isBefore(since)) {
              return FileVisitResult.CONTINUE;
            }
            try {
              out.put(file.toString(), Files.readAllBytes(file));
            } catch (IOException | RuntimeException e) {
              // another process's file, gone or unreadable: not ours
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Where each needle was found, in any of its encodings, also inside gzip streams. One pass per
   * output: candidate forms are looked up by their first two bytes.
   */
  static Map<String, List<String>> hits(Map<String, byte[]> outputs, List<String> needles) {
    Map<Integer, List<Map.Entry<String, byte[]>>> byPrefix = new java.util.HashMap<>();
    for (String n : needles) {
      for (byte[] f : forms(n)) {
        int key = ((f[0] & 0xFF) << 8) | (f[1] & 0xFF);
        byPrefix.computeIfAbsent(key, k -> new ArrayList<>()).add(Map.entry(n, f));
      }
    }
    Map<String, List<String>> found = new TreeMap<>();
    outputs.forEach(
        (where, bytes) -> {
          for (byte[] content : expand(bytes)) {
            for (int i = 0; i + 1 < content.length; i++) {
              List<Map.Entry<String, byte[]>> candidates =
                  byPrefix.get(((content[i] & 0xFF) << 8) | (content[i + 1] & 0xFF));
              if (candidates == null) {
                continue;
              }
              for (Map.Entry<String, byte[]> c : candidates) {
                if (startsWith(content, i, c.getValue())) {
                  List<String> at = found.computeIfAbsent(c.getKey(), k -> new ArrayList<>());
                  if (!at.contains(where)) {
                    at.add(where);
                  }
                }
              }
            }
          }
        });
    return found;
  }

  static boolean startsWith(byte[] hay, int at, byte[] needle) {
    if (at + needle.length > hay.length) {
      return false;
    }
    for (int j = 0; j < needle.length; j++) {
      if (hay[at + j] != needle[j]) {
        return false;
      }
    }
    return true;
  }

  /** UTF-8, UTF-16LE, UTF-16BE and JSON-escaped (ASCII-only) forms of {@code s}. */
  static List<byte[]> forms(String s) {
    List<byte[]> out = new ArrayList<>();
    for (Charset cs :
        List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
      out.add(s.getBytes(cs));
    }
    out.add(
        new String(JsonStringEncoder.getInstance().quoteAsString(s))
            .getBytes(StandardCharsets.UTF_8));
    StringBuilder ascii = new StringBuilder();
    s.chars()
        .forEach(
            c -> {
              if (c < 0x80) {
                ascii.append((char) c);
              } else {
                ascii.append(String.format("\\u%04x", c));
              }
            });
    out.add(ascii.toString().getBytes(StandardCharsets.UTF_8));
    out.add(
        ascii
            .toString()
            .toUpperCase(java.util.Locale.ROOT)
            .replace("\\U", "\\u")
            .getBytes(StandardCharsets.UTF_8));
    return out;
  }

  /**
   * {@code bytes}, plus what compression hides in it: the content of a gzip stream, the entries of
   * a zip (DOCX, XLSX, archives), and the inflated streams of a PDF.
   */
  static List<byte[]> expand(byte[] bytes) {
    List<byte[]> out = new ArrayList<>();
    out.add(bytes);
    if (bytes.length > 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        out.add(in.readNBytes(256 << 20));
      } catch (IOException e) {
        // not gzip after all
      }
    }
    if (bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
      try (java.util.zip.ZipInputStream zip =
          new java.util.zip.ZipInputStream(new ByteArrayInputStream(bytes))) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          out.add(bytes(e.getName()));
          out.add(bytes(String.valueOf(e.getComment())));
          out.add(zip.readNBytes(64 << 20));
        }
      } catch (IOException e) {
        // not a readable zip: its raw bytes were searched
      }
    }
    if (bytes.length > 4 && new String(bytes, 0, 4, StandardCharsets.ISO_8859_1).equals("%PDF")) {
      String pdf = new String(bytes, StandardCharsets.ISO_8859_1);
      for (int at = pdf.indexOf("stream"); at >= 0; at = pdf.indexOf("stream", at + 6)) {
        int start = at + 6;
        start += pdf.startsWith("\r\n", start) ? 2 : pdf.startsWith("\n", start) ? 1 : 0;
        int end = pdf.indexOf("endstream", start);
        if (end < 0) {
          break;
        }
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        inflater.setInput(bytes, start, end - start);
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
          while (!inflater.finished() && inflated.size() < (64 << 20)) {
            int n = inflater.inflate(buf);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
              break;
            }
            inflated.write(buf, 0, n);
          }
        } catch (java.util.zip.DataFormatException e) {
          // not a Flate stream
        } finally {
          inflater.end();
        }
        out.add(inflated.toByteArray());
        at = end;
      }
    }
    return out;
  }

  @Test
  void theSearchSeesThroughGzipZipPdfStreamsAndEncodings() {
    String marker = "marker.canary@leak-audit.test";
    Map<String, byte[]> outputs = new TreeMap<>();
    outputs.put("gzip", DocumentWriters.gzip(bytes("x " + marker + " y")));
    outputs.put("docx", docx(marker, null, null, null, null));
    outputs.put("pdf", pdf("nobody@leak-audit.test", marker));
    outputs.put("utf16", ("x " + marker).getBytes(StandardCharsets.UTF_16LE));
    outputs.put("json", bytes("{\"t\":\"231\\u200b-47\\u200b-6026\"}"));
    outputs.put("clean", bytes("nothing here"));
    Map<String, List<String>> found = hits(outputs, List.of(marker, "231\u200B-47\u200B-6026"));
    assertThat(found.get(marker)).containsExactlyInAnyOrder("gzip", "docx", "pdf", "utf16");
    assertThat(found.get("231\u200B-47\u200B-6026")).containsExactly("json");
  }

  @Test
  void everyCaseCarriesAtLeastOneCanary() {
    assertThat(cases()).allMatch(c -> !c.canaries().isEmpty());
  }
}
