package org.ensemble.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The words of a DOCX read straight from its main part, for the documents Tika's OOXML parser cannot open: ISO
 * 29500 Strict files (another namespace, which POI refuses), and packages whose content types do not name the main
 * part (Tika then finds no text at all). The part is found through the package relationship, as Word does; its
 * paragraphs ({@code w:p}) become lines, its text runs ({@code w:t}), tabs and breaks their content. Nothing else
 * is read: no DTD, no entity, no other part.
 */
final class OoxmlText {

    /** More XML than any writing piece needs; a larger main part is not read (a ZIP can inflate without limit). */
    private static final long MAX_PART_BYTES = 64L << 20;
    private static final Pattern MAIN_PART = Pattern.compile(
            "<Relationship\\b[^>]*?Type=\"[^\"]*/officeDocument\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TARGET = Pattern.compile("Target=\"([^\"]+)\"");

    private OoxmlText() {
    }

    static String read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String part = "word/document.xml";
            ZipEntry rels = zip.getEntry("_rels/.rels");
            if (rels != null) {
                Matcher main = MAIN_PART.matcher(new String(bounded(zip, rels), StandardCharsets.UTF_8));
                if (main.find()) {
                    Matcher target = TARGET.matcher(main.group());
                    if (target.find()) {
                        part = target.group(1).replaceFirst("^/", "");
                    }
                }
            }
            ZipEntry entry = zip.getEntry(part);
            if (entry == null) {
                throw new DocumentTextException(DocumentTextException.Problem.DAMAGED, "no main part " + part, null);
            }
            byte[] xml = bounded(zip, entry);
            String prolog = new String(xml, 0, Math.min(xml.length, 1 << 16), StandardCharsets.ISO_8859_1);
            if (prolog.contains("<!DOCTYPE") || prolog.contains("<!ENTITY")) {
                throw new DocumentTextException(DocumentTextException.Problem.DECLARES_ENTITIES, part + " declares a DTD", null);
            }
            return paragraphs(xml);
        }
    }

    private static byte[] bounded(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) MAX_PART_BYTES + 1);
            if (bytes.length > MAX_PART_BYTES) {
                throw new DocumentTextException(DocumentTextException.Problem.DAMAGED, entry.getName() + " is too large", null);
            }
            return bytes;
        }
    }

    private static String paragraphs(byte[] xml) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        StringBuilder text = new StringBuilder();
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT && wordprocessing(r)) {
                    switch (r.getLocalName()) {
                        case "t" -> text.append(r.getElementText());
                        case "tab" -> text.append('\t');
                        case "br", "cr" -> text.append('\n');
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && wordprocessing(r) && r.getLocalName().equals("p")) {
                    text.append('\n');
                }
            }
        } catch (XMLStreamException e) {
            throw new DocumentTextException(DocumentTextException.Problem.DAMAGED, "the main part is not well-formed XML", e);
        }
        return text.toString();
    }

    /** Transitional ("schemas.openxmlformats.org/wordprocessingml") and Strict ("purl.oclc.org/ooxml/wordprocessingml"). */
    private static boolean wordprocessing(XMLStreamReader r) {
        String ns = r.getNamespaceURI();
        return ns != null && ns.contains("wordprocessingml");
    }
}
