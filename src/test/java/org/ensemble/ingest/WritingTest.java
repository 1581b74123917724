package org.ensemble.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.ensemble.episode.Contribution;
import org.ensemble.episode.MediaKind;
import org.ensemble.segment.SegmentSpec;
import org.ensemble.segment.SegmentSpecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Writing in the forms people send it, through ingest (Tika detection, word count, reading-time rule) to the lines
 * the cards are set from, and one card rendered through conform.
 */
class WritingTest {

    @TempDir
    static Path root;
    static IngestBench bench;

    @BeforeAll
    static void setUp() throws IOException {
        // 200 words a minute, at most 9 s on screen: 7 s of reading after 2 s to settle, room for 23 words
        bench = new IngestBench(root, "{wordsPerMinute: 200, minSeconds: 4, maxSeconds: 9}");
        Path in = bench.inbox;
        String text = "Café crème at dawn.\r\n\r\nÜber the roofs, אור and نور.\n";
        Files.write(in.resolve("utf8.txt"), text.getBytes(StandardCharsets.UTF_8));
        Files.write(in.resolve("utf8-bom.txt"), withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text, StandardCharsets.UTF_8));
        Files.write(in.resolve("utf16le.txt"), withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, text, StandardCharsets.UTF_16LE));
        Files.write(in.resolve("utf16be.txt"), withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, text, StandardCharsets.UTF_16BE));
        Files.writeString(in.resolve("poem.md"), """
                # Kettle

                The **kettle** sings, _softly_, at `six`.

                - a [small light](https://example.org/light) comes in
                > and that is __all__

                ---
                """);
        Files.write(in.resolve("letter.docx"), docx("Dear river,", "you carried **everything** away."));
        Files.write(in.resolve("harbour.pdf"), pdf("Letters from the harbour", "The gulls wake first."));
        Files.write(in.resolve("strict.docx"), ooxml(STRICT_RELATIONSHIP, true, "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/"
                + "wordprocessingml/main\" w:conformance=\"strict\"><w:body><w:p><w:r><w:t>Dear river, strict words.</w:t></w:r></w:p>"
                + "</w:body></w:document>"));
        Files.write(in.resolve("no-override.docx"), ooxml(TRANSITIONAL_RELATIONSHIP, false, "<w:document xmlns:w=\"" + W
                + "\"><w:body><w:p><w:r><w:t>Dear river,</w:t></w:r></w:p><w:p><w:r><w:t>no override.</w:t></w:r></w:p></w:body></w:document>"));
        Files.write(in.resolve("xxe.docx"), ooxml(TRANSITIONAL_RELATIONSHIP, true, "<!DOCTYPE w:document [<!ENTITY secret SYSTEM "
                + "\"file:///etc/hostname\">]><w:document xmlns:w=\"" + W + "\"><w:body><w:p><w:r><w:t>Hello &secret; river</w:t></w:r>"
                + "</w:p></w:body></w:document>"));
        lockedPdf(in.resolve("locked.pdf"), "Letters from the harbour");
        lockedDocx(in.resolve("locked.docx"), docx("Dear river,", "you carried everything away."));
        Files.writeString(in.resolve("long.txt"), "word ".repeat(24).strip());
        Files.writeString(in.resolve("fits.txt"), "word ".repeat(23).strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // UTF-8 with accents, Hebrew and Arabic; Windows line ends
            "utf8.txt     | text/plain                   | 10 | Café crème at dawn.¶Über the roofs, אור and نور.",
            // the byte order mark is not text
            "utf8-bom.txt | text/plain                   | 10 | Café crème at dawn.¶Über the roofs, אור and نور.",
            // Windows Notepad's 'Unicode': UTF-16 little-endian with BOM (Tika and WritingText must not read it as bytes)
            "utf16le.txt  | text/plain                   | 10 | Café crème at dawn.¶Über the roofs, אור and נור.",
            "utf16be.txt  | text/plain                   | 10 | Café crème at dawn.¶Über the roofs, אור and نور.",
            // Markdown: headings, emphasis, code, links, quotes, rules leave no markup on the cards
            "poem.md      | text/markdown                | 16 | Kettle¶The kettle sings, softly, at six.¶• a small light comes in\\nand that is all",
            // a word processor file: Tika reads the paragraphs
            "letter.docx  | application/vnd.openxmlformats-officedocument.wordprocessingml.document | 6 | Dear river,¶you carried everything away.",
            // a PDF: Tika (PDFBox) reads the text lines
            "harbour.pdf  | application/pdf              | 8  | Letters from the harbour¶The gulls wake first.",
    })
    void writingIsReadAsClean(String file, String type, int words, String paragraphs) {
        // when
        Contribution c = bench.inspect("w-" + file, "writing", file);

        // then it is accepted as text with the right word count, and the cards get exactly these paragraphs
        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.kind()).isEqualTo(MediaKind.TEXT);
        assertThat(c.detectedType()).startsWith(type);
        assertThat(c.words()).isEqualTo(words);
        SegmentSpec spec = SegmentSpecs.forContribution(c, bench.inbox, null, 90);
        // "Morning" is the title in the manifest; the first paragraph is kept as it is not the title
        assertThat(String.join("¶", spec.lines())).isEqualTo(paragraphs.replace("נור", "نور").replace("\\n", "\n"));
        assertThat(String.join(" ", spec.lines())).doesNotContain("#", "**", "__", "`", "](", "---", "\uFEFF", "\r");
    }

    @Test
    void aDocxBecomesCardsWithInkOnThem() throws IOException {
        Contribution c = bench.inspect("docx-card", "writing", "letter.docx");

        BufferedImage card = bench.frame(bench.conform(c, 60).picture(), 30);

        // paper background with dark text in the body area
        int ink = 0;
        for (int y = 50; y < 150; y++) {
            for (int x = 40; x < 280; x++) {
                int p = card.getRGB(x, y);
                ink += StillsTest.red(p) + StillsTest.green(p) + StillsTest.blue(p) < 3 * 160 ? 1 : 0;
            }
        }
        assertThat(StillsTest.red(card.getRGB(5, 5))).isGreaterThan(220);
        assertThat(ink).as("dark text pixels").isGreaterThan(200);
    }

    @Test
    void writingTooLongToReadInTheShowsLongestSlotIsRejectedWithHowMuchFits() {
        Contribution fits = bench.inspect("fits", "writing", "fits.txt");
        Contribution longer = bench.inspect("long", "writing", "long.txt");

        assertThat(fits.accepted()).as(fits.reason()).isTrue();
        assertThat(longer.accepted()).isFalse();
        assertThat(longer.reason()).isEqualTo("the writing in 'long.txt' has 24 words: at 200 words a minute it needs 9.2 s on"
                + " screen, and the show gives writing at most 9.0 s; ask the writer for an excerpt of at most 23 words");
    }

    /**
     * DOCX files Tika's OOXML parser cannot open: ISO 29500 Strict (POI refuses it: "TIKA-198: Illegal IOException
     * from OOXMLParser") and a package whose content types do not name the main part (Tika finds no text, so it was
     * "has no words"). Both are read from their main part.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "strict.docx      | 4 | Dear river, strict words.",
            "no-override.docx | 4 | Dear river,¶no override.",
    })
    void aDocxTikaCannotOpenIsReadFromItsMainPart(String file, int words, String paragraphs) {
        Contribution c = bench.inspect("d-" + file, "writing", file);

        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.words()).isEqualTo(words);
        assertThat(String.join("¶", SegmentSpecs.forContribution(c, bench.inbox, null, 90).lines())).isEqualTo(paragraphs);
    }

    /** Documents whose text cannot be had get a sentence with what to ask for, never Tika's or PDFBox's words. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // an external entity in the main part (XXE): not followed, not read
            "xxe.docx   | the writing in 'xxe.docx' declares XML entities that point outside the document (word processors never write these; it may be a crafted file), so Ensemble does not read it; ask the writer to save it again from their word processor, or to send the text as a .txt file",
            // a DOCX saved with a password: Word wraps it, encrypted, in an OLE2 container
            "locked.docx | the file 'locked.docx' is a password-protected document (application/x-tika-ooxml-protected), not a video, sound, picture or text (its name pretends to be application/vnd.openxmlformats-officedocument.wordprocessingml.document); ask the writer for a copy without a password, or the text as a .txt file",
            // a PDF that needs a password to open
            "locked.pdf | the writing in 'locked.pdf' is protected by a password, so its text cannot be read; ask the writer for a copy without a password (or the text as a .txt file)",
    })
    void aDocumentWhoseTextCannotBeHadIsRefusedWithASentence(String file, String reason) {
        Contribution c = bench.inspect("r-" + file, "writing", file);

        assertThat(c.accepted()).isFalse();
        assertThat(c.reason()).isEqualTo(reason).doesNotContain("TIKA", "Exception", "@");
    }

    // ---- documents made by hand ----

    static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    static final String TRANSITIONAL_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    static final String STRICT_RELATIONSHIP = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";

    /** A one-part word processing package with this main part; {@code override} names its content type as Word does. */
    static byte[] ooxml(String relationship, boolean override, String document) throws IOException {
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + (override ? "<Override PartName=\"/word/document.xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>" : "") + "</Types>");
        parts.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + relationship + "\" Target=\"word/document.xml\"/></Relationships>");
        parts.put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + document);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** The DOCX encrypted as Word does it (ECMA-376 agile encryption in an OLE2 file), password "reader-secret". */
    static void lockedDocx(Path file, byte[] docx) throws IOException {
        try (var fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            var info = new org.apache.poi.poifs.crypt.EncryptionInfo(org.apache.poi.poifs.crypt.EncryptionMode.agile);
            var encryptor = info.getEncryptor();
            encryptor.confirmPassword("reader-secret");
            try (var out = encryptor.getDataStream(fs)) {
                out.write(docx);
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
            try (var os = Files.newOutputStream(file)) {
                fs.writeFilesystem(os);
            }
        }
    }

    /** A one-page PDF with a line of text that opens only with a password (128-bit, PDFBox's standard security). */
    static void lockedPdf(Path file, String line) throws IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
            doc.addPage(page);
            try (var text = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                text.newLineAtOffset(50, 700);
                text.showText(line);
                text.endText();
            }
            var policy = new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy("owner-secret", "reader-secret",
                    new org.apache.pdfbox.pdmodel.encryption.AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(file.toFile());
        }
    }

    static byte[] withBom(byte[] bom, String text, Charset charset) {
        byte[] body = text.getBytes(charset);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }

    /** The smallest DOCX Word opens: content types, the package relationship, one document part. "**x**" is a bold run. */
    static byte[] docx(String... paragraphs) throws IOException {
        StringBuilder body = new StringBuilder();
        for (String p : paragraphs) {
            body.append("<w:p>");
            String[] parts = p.split("\\*\\*");
            for (int i = 0; i < parts.length; i++) {
                body.append("<w:r>").append(i % 2 == 1 ? "<w:rPr><w:b/></w:rPr>" : "")
                        .append("<w:t xml:space=\"preserve\">").append(parts[i]).append("</w:t></w:r>");
            }
            body.append("</w:p>");
        }
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
        parts.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
                + " Target=\"word/document.xml\"/></Relationships>");
        parts.put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + body + "</w:body></w:document>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A one-page PDF in Helvetica, one line of text per argument, with a correct cross-reference table. */
    static byte[] pdf(String... lines) {
        StringBuilder content = new StringBuilder("BT /F1 12 Tf 20 150 Td");
        for (int i = 0; i < lines.length; i++) {
            content.append(i == 0 ? " " : " 0 -20 Td ").append('(').append(lines[i]).append(") Tj");
        }
        content.append(" ET");
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
