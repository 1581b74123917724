package org.ensemble.episode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads an {@link EditDecisionList} as OpenTimelineIO JSON ({@code .otio}): a Timeline.1 whose Stack.1
 * holds one video and one audio Track.1 with the same Clip.2 events. A piece's clip points at its source file
 * (ExternalReference.1, the path as the manifest gives it, relative to the show's inbox) and carries the piece in
 * {@code metadata.ensemble}; the intro and credits are made by Ensemble, so their clips have a GeneratorReference.1.
 * Times are RationalTime.1 at the house rate; a clip's source_range starts at its first source frame.
 */
public final class Otio {

    static final String METADATA_KEY = "ensemble";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Otio() {
    }

    public static String write(EditDecisionList edl) {
        int fps = edl.frameRate();
        Map<String, Object> timeline = object("Timeline.1", edl.title());
        timeline.put("global_start_time", time(Cmx3600.RECORD_START_SECONDS * fps, fps));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("show", edl.episode().showId());
        meta.put("air_date", edl.episode().airDate().toString());
        meta.put("edl_revision", edl.revision());
        meta.put("frame_rate", fps);
        meta.put("total_frames", edl.totalFrames());
        timeline.put("metadata", Map.of(METADATA_KEY, meta));
        Map<String, Object> stack = item("Stack.1", "tracks");
        stack.put("children", List.of(track(edl, "V1", "Video"), track(edl, "A1", "Audio")));
        timeline.put("tracks", stack);
        return JSON.writeValueAsString(timeline) + "\n";
    }

    private static Map<String, Object> track(EditDecisionList edl, String name, String kind) {
        Map<String, Object> track = item("Track.1", name);
        track.put("kind", kind);
        List<Object> clips = new ArrayList<>();
        for (EditDecisionList.Event e : edl.events()) {
            clips.add(clip(e, edl.frameRate()));
        }
        track.put("children", clips);
        return track;
    }

    private static Map<String, Object> clip(EditDecisionList.Event e, int fps) {
        Map<String, Object> clip = item("Clip.2", Cmx3600.clipName(e));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("contribution_id", e.pieceId());
        meta.put("event_kind", e.kind().name());
        meta.put("contributor", e.contributor());
        meta.put("category", e.category());
        meta.put("title", e.title());
        meta.put("location", e.location());
        meta.put("source_file", e.sourceFile());
        clip.put("metadata", Map.of(METADATA_KEY, meta));
        Map<String, Object> reference;
        if (e.kind() == EditDecisionList.EventKind.PIECE && e.sourceFile() != null) {
            reference = object("ExternalReference.1", "");
            reference.put("available_range", null);
            reference.put("available_image_bounds", null);
            reference.put("target_url", e.sourceFile());
        } else {
            reference = object("GeneratorReference.1", "");
            reference.put("available_range", null);
            reference.put("available_image_bounds", null);
            reference.put("generator_kind", e.kind() == EditDecisionList.EventKind.INTRO ? "ensemble.title" : "ensemble.credits");
            reference.put("parameters", Map.of());
        }
        clip.put("media_references", Map.of("DEFAULT_MEDIA", reference));
        clip.put("active_media_reference_key", "DEFAULT_MEDIA");
        clip.put("source_range", range(e.sourceIn(), e.frames(), fps));
        return clip;
    }

    private static Map<String, Object> object(String schema, String name) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("OTIO_SCHEMA", schema);
        o.put("metadata", Map.of());
        o.put("name", name);
        return o;
    }

    /** The fields every OTIO composable item has. */
    private static Map<String, Object> item(String schema, String name) {
        Map<String, Object> o = object(schema, name);
        o.put("source_range", null);
        o.put("effects", List.of());
        o.put("markers", List.of());
        o.put("enabled", true);
        return o;
    }

    static Map<String, Object> range(long start, long frames, int fps) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("OTIO_SCHEMA", "TimeRange.1");
        r.put("duration", time(frames, fps));
        r.put("start_time", time(start, fps));
        return r;
    }

    static Map<String, Object> time(long frames, int fps) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("OTIO_SCHEMA", "RationalTime.1");
        t.put("rate", (double) fps);
        t.put("value", (double) frames);
        return t;
    }

    /**
     * Reads the first video track of an OTIO timeline; an audio track must be cut the same way (Ensemble cuts a
     * piece's picture and sound together). Gaps, transitions, nested stacks, effects and times at another rate or
     * between frames come back as problems naming the clip's position (its event number, counting from 1).
     */
    public static ImportedTimeline read(String text, int fps) {
        List<TimelineProblem> problems = new ArrayList<>();
        List<ImportedTimeline.Event> events = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            return new ImportedTimeline("OpenTimelineIO", events, List.of(new TimelineProblem(null,
                    "the file is not JSON: " + e.getOriginalMessage())));
        }
        if (!root.path("OTIO_SCHEMA").asString("").startsWith("Timeline.")) {
            return new ImportedTimeline("OpenTimelineIO", events, List.of(new TimelineProblem(null,
                    "the file is not an OpenTimelineIO timeline (OTIO_SCHEMA is '" + root.path("OTIO_SCHEMA").asString("")
                            + "', expected Timeline.1)")));
        }
        JsonNode video = null;
        for (JsonNode track : root.path("tracks").path("children")) {
            if (track.path("OTIO_SCHEMA").asString("").startsWith("Track.") && "Video".equals(track.path("kind").asString(""))) {
                video = track;
                break;
            }
        }
        if (video == null) {
            return new ImportedTimeline("OpenTimelineIO", events, List.of(new TimelineProblem(null,
                    "the timeline has no video track (a Track.1 of kind Video under tracks)")));
        }
        long at = 0;
        int number = 0;
        for (JsonNode item : video.path("children")) {
            number++;
            String schema = item.path("OTIO_SCHEMA").asString("");
            if (schema.startsWith("Gap.")) {
                long gap = frames(item.path("source_range").path("duration"), fps, number, problems);
                problems.add(new TimelineProblem(number, "is a gap of " + gap + " frames (" + Timecode.smpte(gap, fps)
                        + "); the timeline must be continuous, so close it or fill it with a piece"));
                at += Math.max(gap, 0);
                continue;
            }
            if (schema.startsWith("Transition.")) {
                problems.add(new TimelineProblem(number, "is a transition; only cuts are made, so remove it"));
                continue;
            }
            if (!schema.startsWith("Clip.")) {
                problems.add(new TimelineProblem(number, "is a " + schema + "; the video track may hold clips only"));
                continue;
            }
            if (!item.path("effects").isEmpty()) {
                problems.add(new TimelineProblem(number, "has effects (e.g. a speed change); pieces play as they are"));
            }
            JsonNode meta = item.path("metadata").path(METADATA_KEY);
            String pieceId = meta.path("contribution_id").isString() ? meta.path("contribution_id").asString() : null;
            JsonNode range = item.path("source_range");
            long in = frames(range.path("start_time"), fps, number, problems);
            long duration = frames(range.path("duration"), fps, number, problems);
            if (range.isMissingNode() || range.isNull()) {
                problems.add(new TimelineProblem(number, "has no source_range; give the part of the source it uses"));
            }
            events.add(new ImportedTimeline.Event(number, pieceId, item.path("name").asString(null), null, in, in + duration,
                    at, at + duration));
            at += Math.max(duration, 0);
        }
        for (JsonNode track : root.path("tracks").path("children")) {
            if ("Audio".equals(track.path("kind").asString("")) && !cuts(track, fps).equals(cuts(video, fps))) {
                problems.add(new TimelineProblem(null, "the audio track '" + track.path("name").asString("")
                        + "' is not cut like the video track; picture and sound of a piece are cut together, so make the"
                        + " same edit on both (or delete the audio track)"));
            }
        }
        return new ImportedTimeline("OpenTimelineIO", events, problems);
    }

    /** A track's items as (schema, piece, source start, duration), to compare the audio with the video. */
    private static List<String> cuts(JsonNode track, int fps) {
        List<String> cuts = new ArrayList<>();
        List<TimelineProblem> ignored = new ArrayList<>();
        for (JsonNode item : track.path("children")) {
            JsonNode range = item.path("source_range");
            cuts.add(item.path("OTIO_SCHEMA").asString("") + "/" + item.path("metadata").path(METADATA_KEY).path("contribution_id")
                    .asString("") + "/" + frames(range.path("start_time"), fps, 0, ignored) + "/"
                    + frames(range.path("duration"), fps, 0, ignored));
        }
        return cuts;
    }

    /** A RationalTime as whole frames at {@code fps}; another rate is converted only when it lands on a frame. */
    private static long frames(JsonNode time, int fps, int number, List<TimelineProblem> problems) {
        if (time.isMissingNode() || time.isNull()) {
            return 0;
        }
        double rate = time.path("rate").asDouble(0);
        double value = time.path("value").asDouble(Double.NaN);
        if (rate <= 0 || Double.isNaN(value)) {
            problems.add(new TimelineProblem(number, "has a time without rate or value: " + time));
            return 0;
        }
        double frames = value * fps / rate;
        long whole = Math.round(frames);
        if (Math.abs(frames - whole) > 1e-6) {
            problems.add(new TimelineProblem(number, "has a time between frames (" + value + " at " + rate
                    + " fps); Ensemble cuts on whole frames at " + fps + " fps"));
        }
        return whole;
    }
}
