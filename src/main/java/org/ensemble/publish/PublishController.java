package org.ensemble.publish;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.ensemble.Hashes;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;

/**
 * The publishing systems' door, all under {@code /api/publish/}: per show an RSS 2.0 feed with enclosures and a JSON
 * listing of each episode's current revision, the package files themselves (with HTTP range requests), and the
 * manifest's JSON Schema.
 */
@RestController
@RequestMapping(Outbox.API)
class PublishController {

    static final String SCHEMA = "publish-manifest-v1.json";

    private final Outbox outbox;
    private final ShowCatalog shows;

    PublishController(Outbox outbox, ShowCatalog shows) {
        this.outbox = outbox;
        this.shows = shows;
    }

    @GetMapping(value = "/schemas/" + SCHEMA, produces = "application/schema+json")
    ResponseEntity<Resource> schema() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/schema+json"))
                .body(new ClassPathResource("schemas/" + SCHEMA));
    }

    @GetMapping(value = "/shows/{show}/feed.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> feedJson(@PathVariable String show) throws IOException {
        ShowDefinition definition = known(show);
        if (definition == null) {
            return ResponseEntity.notFound().build();
        }
        String base = base();
        List<Map<String, Object>> episodes = new ArrayList<>();
        for (Outbox.Episode e : outbox.episodes(show)) {
            JsonNode m = outbox.manifest(e, e.current());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("airDate", e.key().airDate().toString());
            item.put("title", m.path("title").asString());
            item.put("season", m.path("season").asInt());
            item.put("episode", m.path("episode").asInt());
            item.put("revision", e.current());
            item.put("revisions", e.revisions());
            item.put("publishAt", m.path("publishAt").asString());
            item.put("durationSeconds", m.path("durationSeconds").asDouble());
            item.put("manifest", base + Outbox.path(e.key(), e.current(), "manifest.json"));
            item.put("manifestSha256", Hashes.sha256(e.dir().resolve("r" + e.current()).resolve("manifest.json")));
            List<Map<String, Object>> files = new ArrayList<>();
            for (JsonNode f : m.path("files")) {
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("name", f.path("name").asString());
                file.put("bytes", f.path("bytes").asLong());
                file.put("sha256", f.path("sha256").asString());
                file.put("url", base + Outbox.path(e.key(), e.current(), f.path("name").asString()));
                files.add(file);
            }
            item.put("files", files);
            episodes.add(item);
        }
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("show", show);
        feed.put("title", definition.title());
        feed.put("description", definition.description());
        feed.put("schema", base + Outbox.API + "/schemas/" + SCHEMA);
        feed.put("episodes", episodes);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(feed);
    }

    @GetMapping(value = "/shows/{show}/feed.rss", produces = "application/rss+xml")
    ResponseEntity<String> feedRss(@PathVariable String show) throws IOException {
        ShowDefinition definition = known(show);
        if (definition == null) {
            return ResponseEntity.notFound().build();
        }
        String base = base();
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element rss = doc.createElement("rss");
            rss.setAttribute("version", "2.0");
            doc.appendChild(rss);
            Element channel = child(doc, rss, "channel", null);
            child(doc, channel, "title", definition.title());
            child(doc, channel, "link", base + Outbox.API + "/shows/" + show + "/feed.rss");
            child(doc, channel, "description", definition.description().isBlank() ? definition.title() : definition.description());
            child(doc, channel, "generator", "Ensemble");
            for (Outbox.Episode e : outbox.episodes(show)) {
                JsonNode m = outbox.manifest(e, e.current());
                Element item = child(doc, channel, "item", null);
                child(doc, item, "title", m.path("title").asString());
                child(doc, item, "link", base + Outbox.path(e.key(), e.current(), "manifest.json"));
                child(doc, item, "description", description(e));
                Element guid = child(doc, item, "guid", show + "/" + e.key().airDate() + "/r" + e.current());
                guid.setAttribute("isPermaLink", "false");
                child(doc, item, "pubDate", DateTimeFormatter.RFC_1123_DATE_TIME.format(OffsetDateTime.parse(m.path("publishAt").asString())));
                Element enclosure = child(doc, item, "enclosure", null);
                enclosure.setAttribute("url", base + Outbox.path(e.key(), e.current(), "episode.mp4"));
                enclosure.setAttribute("length", Long.toString(Files.size(e.dir().resolve("r" + e.current()).resolve("episode.mp4"))));
                enclosure.setAttribute("type", "video/mp4");
            }
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                    .contentType(MediaType.parseMediaType("application/rss+xml;charset=UTF-8")).body(out.toString());
        } catch (ParserConfigurationException | TransformerException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A package file; Spring answers Range requests on a Resource body with 206 and Content-Range, and If-None-Match /
     * If-Modified-Since with 304. A range that lies past the end is a 416 with no body.
     */
    @GetMapping("/shows/{show}/episodes/{date}/{revision}/{file}")
    ResponseEntity<Resource> file(@PathVariable String show, @PathVariable String date, @PathVariable String revision,
                                  @PathVariable String file, @RequestHeader(value = HttpHeaders.RANGE, required = false) String range)
            throws IOException {
        var found = outbox.file(show, date, revision, file);
        if (found.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Path path = found.get();
        MediaType type = file.endsWith(".vtt") ? MediaType.parseMediaType("text/vtt;charset=UTF-8")
                : file.endsWith(".txt") || file.endsWith(".edl") || file.endsWith(".srt") ? MediaType.parseMediaType("text/plain;charset=UTF-8")
                : MediaTypeFactory.getMediaType(file).orElse(MediaType.APPLICATION_OCTET_STREAM);
        long length = Files.size(path);
        if (range != null && !satisfiable(range, length)) {
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + length).build();
        }
        // a published revision never changes, so the one who fetched it may keep it for good; but only they: it is
        // behind a token and may not have aired yet, so no shared cache or CDN may keep or serve it
        Instant modified = Files.getLastModifiedTime(path).toInstant();
        String tag = "\"" + Hashes.sha256(show + "/" + date + "/" + revision + "/" + file + "/" + length + "/" + modified).substring(0, 32) + "\"";
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePrivate().immutable())
                .eTag(tag).lastModified(modified).body(new FileSystemResource(path));
    }

    /** Whether every range of a Range header starts inside a file of {@code length} bytes (a header that does not parse is ignored). */
    private static boolean satisfiable(String range, long length) {
        List<HttpRange> ranges;
        try {
            ranges = HttpRange.parseRanges(range);
        } catch (IllegalArgumentException e) {
            return true;
        }
        try {
            return ranges.stream().allMatch(r -> r.getRangeStart(length) < length && r.getRangeStart(length) <= r.getRangeEnd(length));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String description(Outbox.Episode e) throws IOException {
        Path text = e.dir().resolve("r" + e.current()).resolve("description.txt");
        return Files.isRegularFile(text) ? Files.readString(text) : "";
    }

    private ShowDefinition known(String show) {
        return Outbox.safeName(show) ? shows.all().get(show) : null;
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    private static Element child(Document doc, Element parent, String name, String text) {
        Element e = doc.createElement(name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }
}
