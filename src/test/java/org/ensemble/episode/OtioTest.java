package org.ensemble.episode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenTimelineIO file, checked by reading its JSON here against the OTIO schemas (not through {@link Otio}):
 * schema names and versions, one video and one audio track, rational times at 30 fps summing to the runtime, the
 * piece metadata; then read back by {@link Otio#read} as the same timeline.
 */
class OtioTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void writesAValidTimelineWithOneVideoAndOneAudioTrack() {
        // given intro 300, a film 615 frames from source frame 60, a photo 210, credits 450
        EditDecisionList edl = Cmx3600Test.smallEdl();

        // when
        JsonNode root = json.readTree(Otio.write(edl));

        // then
        assertThat(root.path("OTIO_SCHEMA").asString()).isEqualTo("Timeline.1");
        assertThat(root.path("name").asString()).isEqualTo(edl.title());
        assertRationalTime(root.path("global_start_time"), 108000);
        JsonNode stack = root.path("tracks");
        assertThat(stack.path("OTIO_SCHEMA").asString()).isEqualTo("Stack.1");
        assertThat(stack.path("children")).hasSize(2);
        List<String> kinds = new ArrayList<>();
        for (JsonNode track : stack.path("children")) {
            assertThat(track.path("OTIO_SCHEMA").asString()).isEqualTo("Track.1");
            kinds.add(track.path("kind").asString());
            long total = 0;
            List<long[]> ranges = new ArrayList<>();
            for (JsonNode clip : track.path("children")) {
                assertThat(clip.path("OTIO_SCHEMA").asString()).isEqualTo("Clip.2");
                JsonNode range = clip.path("source_range");
                assertThat(range.path("OTIO_SCHEMA").asString()).isEqualTo("TimeRange.1");
                long start = assertRationalTime(range.path("start_time"), -1);
                long duration = assertRationalTime(range.path("duration"), -1);
                ranges.add(new long[] {start, duration});
                total += duration;
                String key = clip.path("active_media_reference_key").asString();
                JsonNode reference = clip.path("media_references").path(key);
                assertThat(reference.isObject()).as("the active media reference %s exists", key).isTrue();
            }
            assertThat(total).isEqualTo(edl.totalFrames()).isEqualTo(1575);
            assertThat(ranges).extracting(r -> r[0] + "+" + r[1]).containsExactly("0+300", "60+615", "0+210", "0+450");
        }
        assertThat(kinds).containsExactly("Video", "Audio");

        JsonNode clips = stack.path("children").get(0).path("children");
        JsonNode film = clips.get(1);
        assertThat(film.path("name").asString()).isEqualTo("Zoë Ångström - Morgon på ön");
        JsonNode meta = film.path("metadata").path("ensemble");
        assertThat(meta.path("contribution_id").asString()).isEqualTo("ct-01");
        assertThat(meta.path("contributor").asString()).isEqualTo("Zoë Ångström");
        assertThat(meta.path("category").asString()).isEqualTo("filmed-life");
        assertThat(meta.path("title").asString()).isEqualTo("Morgon på ön");
        assertThat(meta.path("location").asString()).isEqualTo("Malmö");
        JsonNode external = film.path("media_references").path("DEFAULT_MEDIA");
        assertThat(external.path("OTIO_SCHEMA").asString()).isEqualTo("ExternalReference.1");
        assertThat(external.path("target_url").asString()).isEqualTo("zoe/morgon.mp4");
        // the intro and credits are made by Ensemble: a generator, not a file
        for (int i : new int[] {0, 3}) {
            assertThat(clips.get(i).path("media_references").path("DEFAULT_MEDIA").path("OTIO_SCHEMA").asString())
                    .isEqualTo("GeneratorReference.1");
        }
        assertThat(clips.get(3).path("name").asString()).isEqualTo("Credits");
    }

    /** A RationalTime.1 at 30 fps on a whole frame; returns the frame (and checks it when {@code expected >= 0}). */
    private static long assertRationalTime(JsonNode time, long expected) {
        assertThat(time.path("OTIO_SCHEMA").asString()).isEqualTo("RationalTime.1");
        assertThat(time.path("rate").asDouble()).isEqualTo(30.0);
        double value = time.path("value").asDouble();
        assertThat(value).isEqualTo(Math.rint(value));
        if (expected >= 0) {
            assertThat((long) value).isEqualTo(expected);
        }
        return (long) value;
    }

    @Test
    void readsBackWhatItWrites() {
        EditDecisionList edl = Cmx3600Test.smallEdl();

        ImportedTimeline read = Otio.read(Otio.write(edl), 30);

        assertThat(read.problems()).isEmpty();
        assertThat(read.events()).containsExactly(
                new ImportedTimeline.Event(1, "intro", "Intro", null, 0, 300, 0, 300),
                new ImportedTimeline.Event(2, "ct-01", "Zoë Ångström - Morgon på ön", null, 60, 675, 300, 915),
                new ImportedTimeline.Event(3, "ct-02", "Łukasz Żółć - Straße 🌧", null, 0, 210, 915, 1125),
                new ImportedTimeline.Event(4, "outro", "Credits", null, 0, 450, 1125, 1575));
    }

    @Test
    void gapsTransitionsAndTimesBetweenFramesAreNamed() {
        // given an NLE's edit: a 15-frame gap after the intro, a transition, and the credits at 24 fps off the frame grid
        ObjectNode root = (ObjectNode) json.readTree(Otio.write(Cmx3600Test.smallEdl()));
        ArrayNode clips = (ArrayNode) root.path("tracks").path("children").get(0).path("children");
        // (a picture-only timeline: no audio track to keep in step)
        ((ArrayNode) root.path("tracks").path("children")).remove(1);
        ObjectNode gap = json.createObjectNode();
        gap.put("OTIO_SCHEMA", "Gap.1");
        gap.set("source_range", json.valueToTree(Otio.range(0, 15, 30)));
        clips.insert(1, gap);
        ObjectNode transition = json.createObjectNode();
        transition.put("OTIO_SCHEMA", "Transition.1");
        clips.insert(3, transition);
        ((ObjectNode) clips.get(5).path("source_range").path("duration")).put("rate", 24.0).put("value", 359.5);

        // when
        ImportedTimeline read = Otio.read(json.writeValueAsString(root), 30);

        // then
        assertThat(read.problems()).extracting(TimelineProblem::toString).containsExactly(
                "event 2: is a gap of 15 frames (00:00:00:15); the timeline must be continuous, so close it or fill it with a piece",
                "event 4: is a transition; only cuts are made, so remove it",
                "event 6: has a time between frames (359.5 at 24.0 fps); Ensemble cuts on whole frames at 30 fps");
    }

    @Test
    void anAudioTrackCutDifferentlyFromThePictureIsNamed() {
        // given an edit made on the video track only: the photo removed from the picture but not from the sound
        ObjectNode root = (ObjectNode) json.readTree(Otio.write(Cmx3600Test.smallEdl()));
        ((ArrayNode) root.path("tracks").path("children").get(0).path("children")).remove(2);

        // when
        ImportedTimeline read = Otio.read(json.writeValueAsString(root), 30);

        // then
        assertThat(read.events()).hasSize(3);
        assertThat(read.problems()).extracting(TimelineProblem::toString).containsExactly("the audio track 'A1' is not cut like"
                + " the video track; picture and sound of a piece are cut together, so make the same edit on both (or delete the audio track)");
    }

    @Test
    void notATimelineIsSaidPlainly() {
        assertThat(Otio.read("TITLE: X\r\n", 30).problems()).extracting(TimelineProblem::reason)
                .singleElement().asString().startsWith("the file is not JSON");
        assertThat(Otio.read("{\"OTIO_SCHEMA\": \"Clip.2\"}", 30).problems()).extracting(TimelineProblem::reason)
                .containsExactly("the file is not an OpenTimelineIO timeline (OTIO_SCHEMA is 'Clip.2', expected Timeline.1)");
    }
}
