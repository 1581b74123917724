package org.ensemble.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import org.apache.tika.mime.MediaType;
import org.ensemble.Hashes;
import org.ensemble.episode.Category;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.episode.WritingText;
import org.ensemble.media.ContentDetector;
import org.ensemble.media.DocumentTextException;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.MediaProcessException;
import org.ensemble.media.PacketTimeline;
import org.ensemble.media.ProbeResult;
import org.ensemble.media.ProcessCancelledException;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a manifest line into a recorded {@link Contribution}: parses it, confines its path to the inbox, hashes the
 * file, asks Tika what it really is and ffprobe what is inside, classifies it. Anything wrong becomes a rejected
 * contribution with a reason; nothing here stops the week.
 */
class ContributionInspector implements ItemProcessor<ManifestLine, Contribution> {

    private static final Logger LOG = LoggerFactory.getLogger(ContributionInspector.class);

    private final EpisodeKey episode;
    private final ShowDefinition show;
    private final Path inbox;
    private final ContentDetector detector;
    private final MediaProbe probe;
    private final IngestSettings limits;
    private final JsonMapper json = JsonMapper.builder().build();
    private static final String FIX = "; ask the editor to correct the manifest";
    private final Map<String, Integer> seenIds = new HashMap<>();
    /** The accepted pieces by the SHA-256 of their file, with the part of it each uses. */
    private final Map<String, List<Taken>> takenByContent = new HashMap<>();

    /** An accepted piece's use of a file: frames {@code from} up to {@code to} (exclusive). */
    private record Taken(String id, int line, long from, long to) {
    }

    ContributionInspector(EpisodeKey episode, ShowDefinition show, Path inbox, ContentDetector detector, MediaProbe probe,
                          IngestSettings limits) {
        this.episode = episode;
        this.show = show;
        this.inbox = inbox;
        this.detector = detector;
        this.probe = probe;
        this.limits = limits;
    }

    /**
     * With the pieces this episode already accepted (a restarted ingest goes on after its last committed line),
     * so a file sent again after them is still noticed.
     */
    ContributionInspector(EpisodeKey episode, ShowDefinition show, Path inbox, ContentDetector detector, MediaProbe probe,
                          IngestSettings limits, List<Contribution> accepted) {
        this(episode, show, inbox, detector, probe, limits);
        for (Contribution c : accepted) {
            if (c.accepted() && c.sha256() != null) {
                takenByContent.computeIfAbsent(c.sha256(), k -> new ArrayList<>())
                        .add(new Taken(c.id(), c.line(), c.trimIn(), c.frames() > 0 ? c.trimIn() + c.frames() : Long.MAX_VALUE));
            }
        }
    }

    @Override
    public Contribution process(ManifestLine line) {
        if (line.badByteAt() > 0) {
            return reject("line-" + line.number(), line, null, "line " + line.number() + " is not UTF-8 text (byte "
                    + line.badByteAt() + " is not a character); ask the editor to save the manifest as UTF-8 and send it again");
        }
        JsonNode node;
        try {
            node = json.readTree(line.text());
        } catch (JacksonException e) {
            LOG.debug("Manifest line {} is not JSON: {}", line.number(), e.getOriginalMessage());
            return reject("line-" + line.number(), line, null, "line " + line.number() + " is not valid JSON (it breaks off "
                    + "at character " + Math.max(1, e.getLocation() == null ? 1 : e.getLocation().getColumnNr()) + ")" + FIX);
        }
        // an id is a key in logs, reasons and the database: its control characters are written out visibly
        String id = LogText.escape(text(node, "id"));
        String file = text(node, "file");
        String ref = id == null ? "line-" + line.number() : id;
        try {
            if (!node.isObject()) {
                throw new Rejection("line " + line.number() + " is not a JSON object" + FIX);
            }
            for (String field : new String[] {"id", "contributor", "category", "title", "file", "approvedAt"}) {
                if (text(node, field) == null) {
                    throw new Rejection("line " + line.number() + " lacks the required field '" + field + "'" + FIX);
                }
            }
            for (Map.Entry<String, Integer> limit : FIELD_LIMITS.entrySet()) {
                String value = text(node, limit.getKey());
                if (value != null && value.length() > limit.getValue()) {
                    throw new Rejection("line " + line.number() + "'s " + limit.getKey() + " is " + value.length()
                            + " characters long; at most " + limit.getValue() + " fit; ask the editor to shorten it");
                }
            }
            Integer firstLine = seenIds.putIfAbsent(id, line.number());
            if (firstLine != null) {
                ref = id + "@line-" + line.number();
                throw new Rejection("line " + line.number() + " repeats the id '" + id + "' first used on line " + firstLine
                        + "; ask the editor to give each piece its own id");
            }
            return inspect(line, node, id, file);
        } catch (Rejection r) {
            return reject(ref, line, node, r.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Contribution {} (line {}) could not be inspected", ref, line.number(), e);
            return reject(ref, line, node, (file == null ? "it" : "'" + file + "'") + " could not be read (the details are in "
                    + "Ensemble's log); ask the contributor to send the file again, and operations to look at the log if it happens again");
        }
    }

    private Contribution inspect(ManifestLine line, JsonNode node, String id, String rawFile) throws Rejection, IOException {
        Category category;
        try {
            category = Category.fromSlug(text(node, "category"));
        } catch (IllegalArgumentException e) {
            throw new Rejection(e.getMessage() + FIX);
        }
        Instant approvedAt;
        try {
            approvedAt = Instant.parse(text(node, "approvedAt"));
        } catch (DateTimeParseException e) {
            throw new Rejection("approvedAt '" + text(node, "approvedAt") + "' is not an ISO-8601 instant like 2026-11-23T10:15:00Z" + FIX);
        }
        Path path = confine(rawFile, "file");
        String file = LogText.escape(rawFile);
        String caption = text(node, "caption");
        if (caption != null) {
            Path captionPath = confine(caption, "caption");
            if (!Files.isRegularFile(captionPath)) {
                LOG.warn("Caption file {} of {} does not exist; going on without it", LogText.escape(caption), id);
                caption = null;
            }
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new Rejection("the file '" + file + "' is not in the inbox (missing, a folder or a link); "
                    + "ask the editor whether it was delivered with the manifest, under that name");
        }
        long size = Files.size(path);
        if (size == 0) {
            throw new Rejection("the file '" + file + "' is empty; the upload probably failed; ask the contributor to send it again");
        }
        if (size > limits.maxFileBytes()) {
            throw new Rejection("the file '" + file + "' is " + size / 1_000_000 + " MB, more than the "
                    + limits.maxFileBytes() / 1_000_000 + " MB allowed; ask the contributor for a smaller export");
        }
        String sha256 = Hashes.sha256(path);
        MediaType detected = detector.detect(path);
        MediaType claimed = detector.claimedByName(path);
        String family = family(detected);
        String claimedFamily = family(claimed);
        if (family == null) {
            throw new Rejection("the file '" + file + "' is " + describe(detected) + ", not a video, sound, picture or text"
                    + (claimedFamily != null ? " (its name pretends to be " + claimed + ")" : "")
                    + "; " + hint(detected));
        }
        if (claimedFamily != null && !claimedFamily.equals(family)) {
            // The extension is only a hint: a photo saved as .mp4 is taken as the photo it is (the category check
            // below still applies). Text dressed as media is different: it is a playlist, a script or a mistake.
            if (family.equals("text") || claimedFamily.equals("text")) {
                throw new Rejection("the file '" + file + "' is really " + describe(detected) + " but its name says "
                        + claimed + "; ask the contributor for the original file");
            }
            LOG.info("{} is named like {} but is {}; taking it as what it is", file, claimed, detected);
        }
        ImageHeader header = null;
        if (family.equals("image")) {
            header = ImageHeader.read(path);
            if (header.pixels() > limits.maxImagePixels()) {
                throw new Rejection("the picture '" + file + "' declares " + Integer.toUnsignedString(header.width()) + "x"
                        + Integer.toUnsignedString(header.height()) + " pixels (" + header.pixels() / 1_000_000
                        + " megapixels), more than the " + limits.maxImagePixels() / 1_000_000
                        + " megapixels Ensemble decodes; ask the contributor for a smaller export (4000 pixels on the long side is plenty)");
            }
            Optional<String> cut = ImageHeader.incomplete(path, header.format());
            if (cut.isPresent()) {
                throw new Rejection("the picture '" + file + "' is incomplete: " + cut.get()
                        + ", so part of it would show as grey; the upload was probably cut off; ask the contributor to send it again");
            }
            if (header.format().equals("webp") && header.animated()) {
                throw new Rejection("'" + file + "' is an animated WebP, which the FFmpeg on this system cannot decode; "
                        + "ask the contributor for the animation as MP4 or GIF");
            }
            if (header.animated()) {
                family = "video"; // an animated GIF or PNG moves: it is a clip, with its own frames and duration
            } else if (!header.format().equals("webp") // FFmpeg decodes WebP stills for conform
                    && !ImageIO.getImageReadersByFormatName(header.format()).hasNext()) {
                throw new Rejection("the picture '" + file + "' is " + describe(detected)
                        + ", which Ensemble cannot make a still from; ask the contributor for a JPEG or PNG");
            }
        }

        int fps = show.profile().frameRate();
        MediaKind kind;
        long frames = 0;
        int width = 0;
        int height = 0;
        String audioStream = null;
        int words = 0;
        long trimIn = 0;
        long trimOut = 0;
        switch (family) {
            case "text" -> {
                kind = MediaKind.TEXT;
                if (!detected.getBaseType().equals(ContentDetector.DOCX) && !detected.getBaseType().equals(ContentDetector.PDF)) {
                    Optional<String> binary = WritingText.binaryContent(path);
                    if (binary.isPresent()) {
                        throw new Rejection("the writing in '" + file + "' " + binary.get()
                                + "; ask the writer to paste the text into a plain .txt file saved as UTF-8");
                    }
                }
                words = writingWords(path, detected, file);
                if (words == 0) {
                    throw new Rejection("the writing in '" + file + "' has no words; ask the writer for the text itself");
                }
                if (words > limits.maxTextWords()) {
                    throw new Rejection("the writing in '" + file + "' has " + words + " words; at most "
                            + limits.maxTextWords() + " fit in an episode; ask the writer for an excerpt");
                }
                long reading = show.rules().readingFrames(words, fps);
                if (reading > show.rules().writingMaxFrames()) {
                    int fitting = (int) ((show.rules().writingMaxFrames() - 2L * fps) * show.rules().writingWordsPerMinute() / (60L * fps));
                    throw new Rejection("the writing in '" + file + "' has " + words + " words: at "
                            + show.rules().writingWordsPerMinute() + " words a minute it needs "
                            + String.format(Locale.ROOT, "%.1f", reading / (double) fps) + " s on screen, and the show gives writing at most "
                            + String.format(Locale.ROOT, "%.1f", show.rules().writingMaxFrames() / (double) fps) + " s; ask the writer for an excerpt of at most " + Math.max(1, fitting) + " words");
                }
            }
            case "image" -> {
                kind = MediaKind.STILL;
                ProbeResult facts = probeOrReject(path, file);
                ProbeResult.Stream picture = facts.video().or(() -> facts.streams().stream()
                        .filter(s -> "video".equals(s.codecType())).findFirst())
                        .orElseThrow(() -> new Rejection("the picture '" + file + "' has no image FFmpeg can decode; "
                                + "ask the contributor for a JPEG or PNG"));
                width = picture.width();
                height = picture.height();
            }
            default -> {
                ProbeResult facts = probeOrReject(path, file);
                audioStream = facts.audioStreamSpec().orElse(null);
                Optional<ProbeResult.Stream> video = facts.video();
                Optional<ProbeResult.Stream> audio = facts.audio();
                if (video.isEmpty() && audio.isEmpty()) {
                    throw new Rejection("'" + file + "' has neither picture nor sound that FFmpeg can use; "
                            + "ask the contributor for the original recording");
                }
                // the header's duration is a claim (missing in browser recordings, a guess in MP3s without a Xing
                // header, too long in cut-off uploads): the packets say how long each stream really runs
                PacketTimeline packets = readPacketsOrReject(path, file);
                double picture = video.map(v -> packets.secondsUntilEndOf(v.index())).orElse(0.0);
                double sound = audio.map(a -> packets.secondsUntilEndOf(a.index())).orElse(0.0);
                if (packets.capped()) {
                    throw new Rejection("'" + file + "' lasts more than the " + limits.maxDurationSeconds()
                            + " s allowed; ask the contributor for a shorter cut");
                }
                // the piece lasts until the later of picture and sound ends: a picture that stops first is held,
                // sound that stops first is padded with silence
                double seconds = Math.max(picture, sound);
                if (!(seconds > 0)) {
                    throw new Rejection("'" + file + "' holds no picture or sound that can be played; it may be truncated "
                            + "or still uploading; ask the contributor to upload it again");
                }
                double declared = facts.usableSeconds();
                if (Math.abs(declared - seconds) * fps >= 1) {
                    LOG.info("{}: its header says {} s, its packets run {} s (picture {} s, sound {} s); taking the packets",
                            file, declared > 0 ? String.format(Locale.ROOT, "%.3f", declared) : "nothing",
                            String.format(Locale.ROOT, "%.3f", seconds), String.format(Locale.ROOT, "%.3f", picture),
                            String.format(Locale.ROOT, "%.3f", sound));
                }
                if (seconds > limits.maxDurationSeconds()) {
                    throw new Rejection("'" + file + "' lasts " + Math.round(seconds) + " s, more than the "
                            + limits.maxDurationSeconds() + " s allowed; ask the contributor for a shorter cut");
                }
                long pictures = video.map(v -> packets.packets(v.index())).orElse(0L);
                checkComplete(file, facts, pictures);
                if (video.isPresent()) {
                    kind = MediaKind.VIDEO;
                    width = video.get().displayWidth();
                    height = video.get().displayHeight();
                    if (width <= 0 || height <= 0) {
                        throw new Rejection("the video in '" + file + "' has no picture size; it may be damaged; "
                                + "ask the contributor to upload it again");
                    }
                } else {
                    kind = MediaKind.AUDIO;
                }
                long total = show.profile().framesIn(seconds);
                if (pictures == 1) {
                    // a one-frame video is a picture: held for as long as its sound (a voice note over a photo), or
                    // like a photo when it has none; never rejected as too short
                    total = audioStream != null && sound > 0 ? show.profile().framesIn(sound)
                            : (show.rules().stillMinFrames() + show.rules().stillMaxFrames()) / 2;
                }
                trimIn = seconds(node, "trimIn", fps);
                trimOut = seconds(node, "trimOut", fps);
                if (trimOut > total) {
                    throw new Rejection("trimOut " + text(node, "trimOut") + " s is past the end of '" + file + "' ("
                            + String.format(Locale.ROOT, "%.2f", seconds) + " s); ask the editor to correct the trim");
                }
                long end = trimOut > 0 ? trimOut : total;
                if (trimIn >= end) {
                    throw new Rejection("trimIn " + text(node, "trimIn") + " s leaves nothing of '" + file + "'; ask the editor to correct the trim");
                }
                frames = end - trimIn;
                if (frames < show.rules().pieceMinFrames()) {
                    throw new Rejection("'" + file + "' is only " + String.format(Locale.ROOT, "%.1f", frames / (double) fps)
                            + " s long; pieces must last at least " + show.rules().pieceMinFrames() / fps + " s");
                }
            }
        }
        checkCategory(category, kind, file);
        checkNotTakenAlready(sha256, id, line.number(), trimIn, frames > 0 ? trimIn + frames : Long.MAX_VALUE, file);
        LOG.info("Accepted {} ({}, {}, {} frames) from {}", id, category.slug(), kind, frames, file);
        return new Contribution(episode, id, line.number(), LogText.printable(text(node, "contributor")),
                LogText.printable(text(node, "location")), category, LogText.printable(text(node, "title")),
                inbox.toRealPath().relativize(path).toString(), caption, approvedAt, trimIn, trimOut,
                sha256, size, detected.toString(), kind, frames, width, height, audioStream, words, Contribution.Status.ACCEPTED, null);
    }

    private ProbeResult probeOrReject(Path path, String file) throws Rejection {
        try {
            return probe.probe(path);
        } catch (ProcessCancelledException e) {
            throw e; // the run is stopping; the file is not at fault
        } catch (MediaProcessException e) {
            // FFmpeg starts its message with the full path; the person reading it knows the file by its manifest name
            String last = e.errorTail().lines().reduce((a, b) -> b).orElse("unknown error").replace(path + ": ", "");
            LOG.warn("FFmpeg cannot read {}: {}", file, last);
            throw new Rejection("FFmpeg cannot read '" + file + "' (the log has its words); it may be damaged or incomplete; "
                    + "ask the contributor to upload it again");
        }
    }

    /**
     * An MP4 cut off in the middle of an upload can still carry its full index (moov at the front): it probes
     * as complete and fails later. The packets that are really there tell the truth.
     */
    private static void checkComplete(String file, ProbeResult facts, long present) throws Rejection {
        long declared = facts.video().map(ProbeResult.Stream::frameCount).orElse(0L);
        if (declared > 0 && present < declared) {
            throw new Rejection("'" + file + "' holds only " + present + " of the " + declared + " video frames it declares ("
                    + present * 100 / declared + " %); the upload was probably cut off; ask the contributor to upload it again");
        }
    }

    private PacketTimeline readPacketsOrReject(Path path, String file) throws Rejection {
        try {
            return probe.readPackets(path, limits.maxDurationSeconds() + 1.0);
        } catch (ProcessCancelledException e) {
            throw e;
        } catch (MediaProcessException e) {
            LOG.warn("Reading the packets of {} failed", file, e);
            throw new Rejection("FFmpeg cannot read the packets of '" + file + "'; it may be damaged or incomplete; "
                    + "ask the contributor to upload it again");
        }
    }

    /**
     * The same file sent twice (the same bytes under two ids, or two approvals of one upload) would air twice:
     * the first line keeps it, a later one is refused. Two lines may take different parts of one long recording
     * (trims that do not overlap); only the same part twice is refused.
     */
    private void checkNotTakenAlready(String sha256, String id, int line, long from, long to, String file) throws Rejection {
        List<Taken> taken = takenByContent.computeIfAbsent(sha256, k -> new ArrayList<>());
        for (Taken t : taken) {
            if (!t.id().equals(id) && from < t.to() && t.from() < to) {
                throw new Rejection("'" + file + "' is the same file, byte for byte, as '" + t.id() + "' on line " + t.line()
                        + (from == t.from() && to == t.to() ? "" : " and uses the same part of it")
                        + "; it is accepted once, so it cannot air twice; if a second piece was meant, ask the contributor for it");
            }
        }
        taken.add(new Taken(id, line, from, to));
    }

    /** The words of a writing piece; a document that cannot be read is refused with what to ask the writer for. */
    private static int writingWords(Path path, MediaType detected, String file) throws Rejection, IOException {
        try {
            return WritingText.read(path, detected).words();
        } catch (DocumentTextException e) {
            LOG.warn("The text of {} cannot be extracted ({})", file, e.problem(), e);
            throw new Rejection("the writing in '" + file + "' " + switch (e.problem()) {
                case ENCRYPTED -> "is protected by a password, so its text cannot be read; ask the writer for a copy "
                        + "without a password (or the text as a .txt file)";
                case DECLARES_ENTITIES -> "declares XML entities that point outside the document (word processors never "
                        + "write these; it may be a crafted file), so Ensemble does not read it; ask the writer to save it "
                        + "again from their word processor, or to send the text as a .txt file";
                case DAMAGED -> "is damaged: its text cannot be read; ask the writer to save it again, or to send the text "
                        + "as a .txt file";
            });
        }
    }

    private static void checkCategory(Category category, MediaKind kind, String file) throws Rejection {
        boolean ok = switch (category) {
            case WRITING -> kind == MediaKind.TEXT;
            case PHOTOGRAPHY -> kind == MediaKind.STILL;
            case MUSIC -> kind == MediaKind.AUDIO || kind == MediaKind.VIDEO;
            case ANIMATION, FILMED_LIFE, FILMED_PROCESS -> kind == MediaKind.VIDEO;
            default -> kind != MediaKind.TEXT;
        };
        if (!ok) {
            throw new Rejection("'" + file + "' is " + kind.name().toLowerCase(Locale.ROOT) + ", which does not fit the category '"
                    + category.slug() + "'; ask the editor to re-file it");
        }
    }

    /** A drive letter ("C:", "c:clips"), which a path relative to the manifest never starts with. */
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");

    /**
     * Confines a manifest path to the show's inbox: no absolute paths, drive letters or '..', no links leading out.
     * Any other name a file system allows is fine (a ':' in "10:30 take.mov"). A name that is not on disk as
     * written is looked for under Unicode normalisation: macOS stores "José" decomposed (NFD) while the manifest,
     * typed elsewhere, holds it composed (NFC); they are the same name. Letter case still has to match.
     */
    private Path confine(String relative, String field) throws Rejection, IOException {
        if (relative.isBlank() || relative.startsWith("/") || relative.startsWith("\\") || DRIVE.matcher(relative).find()
                || relative.contains("\0")) {
            throw new Rejection(field + " '" + relative + "' must be a path relative to the manifest "
                    + "(like amara/walk.mp4); ask the editor to correct the manifest");
        }
        Path root = inbox.toRealPath();
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw new Rejection(field + " '" + relative + "' points outside the inbox; "
                    + "ask the editor to correct the manifest");
        }
        if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
            resolved = byNormalisedName(root, root.relativize(resolved)).orElse(resolved);
        }
        if (Files.exists(resolved) && !resolved.toRealPath().startsWith(root)) {
            throw new Rejection(field + " '" + relative + "' is a link that leads outside the inbox; ask the editor for the file itself");
        }
        return resolved;
    }

    /** The path whose every part equals the wanted one's in Unicode NFC, if exactly one such path exists. */
    private static Optional<Path> byNormalisedName(Path root, Path wanted) throws IOException {
        Path found = root;
        for (Path part : wanted) {
            String name = Normalizer.normalize(part.toString(), Normalizer.Form.NFC);
            Path exact = found.resolve(part.toString());
            if (Files.exists(exact, LinkOption.NOFOLLOW_LINKS)) {
                found = exact;
                continue;
            }
            if (!Files.isDirectory(found, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            List<Path> matches;
            try (Stream<Path> entries = Files.list(found)) {
                matches = entries.filter(e -> Normalizer.normalize(e.getFileName().toString(),
                        Normalizer.Form.NFC).equals(name)).limit(2).toList();
            }
            if (matches.size() != 1) {
                return Optional.empty();
            }
            found = matches.get(0);
        }
        return Optional.of(found);
    }

    private static String family(MediaType type) {
        String t = type.getType();
        String full = type.getBaseType().toString();
        if (PLAYLISTS.contains(full)) {
            return null;
        }
        if (t.equals("video") || t.equals("audio") || t.equals("image")) {
            return t.equals("image") && full.equals("image/svg+xml") ? null : t;
        }
        if (type.getBaseType().equals(ContentDetector.DOCX) || type.getBaseType().equals(ContentDetector.PDF)) {
            return "text";
        }
        if (full.equals("application/mp4") || full.equals("application/ogg") || full.equals("application/x-matroska")) {
            return "video";
        }
        if (full.equals("text/plain") || full.equals("text/markdown") || full.equals("text/x-web-markdown")) {
            return "text";
        }
        return null;
    }

    /** Text that tells FFmpeg to open other files or addresses: never media, never probed. */
    private static final Set<String> PLAYLISTS = Set.of("application/vnd.apple.mpegurl",
            "audio/x-mpegurl", "application/x-mpegurl", "text/x-ffconcat", "application/dash+xml",
            "application/vnd.ms-wpl", "audio/x-scpls");

    private static String describe(MediaType type) {
        return switch (type.getBaseType().toString()) {
            case "application/zip" -> "a ZIP archive (application/zip)";
            case "application/x-executable", "application/x-elf", "application/x-sharedlib" -> "a program (" + type + ")";
            case "text/html", "application/xhtml+xml" -> "a web page (" + type.getBaseType() + ")";
            case "image/svg+xml" -> "an SVG drawing (image/svg+xml), which can carry scripts and links";
            case "application/vnd.apple.mpegurl", "audio/x-mpegurl", "application/x-mpegurl", "text/x-ffconcat" ->
                    "a playlist (" + type.getBaseType() + ") that makes players fetch other files";
            case "application/octet-stream" -> "unrecognisable data (application/octet-stream)";
            case "application/x-tika-ooxml-protected", "application/x-tika-msoffice-protected", "application/encrypted" ->
                    "a password-protected document (" + type.getBaseType() + ")";
            default -> type.toString();
        };
    }

    private static String hint(MediaType type) {
        String full = type.getBaseType().toString();
        if (full.equals("image/svg+xml")) {
            return "ask the contributor for a PNG or JPEG export of the drawing";
        }
        if (PLAYLISTS.contains(full)) {
            return "ask the contributor for the media file itself, not a playlist or a link to it";
        }
        if (full.endsWith("-protected") || full.equals("application/encrypted")) {
            return "ask the writer for a copy without a password, or the text as a .txt file";
        }
        return "ask the contributor for the original media file";
    }

    private Contribution reject(String id, ManifestLine line, JsonNode node, String reason) {
        String shown = clip(LogText.escape(reason), MAX_REASON);
        // what is kept of a refused line must fit where it is kept, however long the line's own fields were
        String key = id.length() <= FIELD_LIMITS.get("id") ? id : "line-" + line.number();
        String file = node == null ? null : LogText.escape(text(node, "file"));
        LOG.warn("Rejected {} (manifest line {}): {}", key, line.number(), shown);
        return Contribution.rejected(episode, key, line.number(), file == null ? null : clip(file, FIELD_LIMITS.get("file")), shown);
    }

    /** The longest each manifest field may be: what the contributions table holds. */
    static final Map<String, Integer> FIELD_LIMITS = Map.of("id", 200, "contributor", 200, "location", 200, "title", 500,
            "file", 1000, "caption", 1000);
    private static final int MAX_REASON = 2000;

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String s = value.isString() ? value.asString() : value.toString();
        return s.isBlank() ? null : s;
    }

    private static long seconds(JsonNode node, String field, int fps) throws Rejection {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw new Rejection(field + " must be a number of seconds (like 2.5), got " + value);
        }
        return Math.round(value.asDouble() * fps);
    }
}
