package org.ensemble.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionList.EventKind;
import org.ensemble.episode.EpisodeKey;
import org.junit.jupiter.api.Test;

/** The thumbnail is looked for in the contributors' own footage, not in cards (a waveform card is sharp, but it is not the episode). */
class ThumbnailCandidatesTest {

    static EditDecisionList edl(String... files) {
        List<EditDecisionList.Event> events = new ArrayList<>();
        long at = 0;
        events.add(new EditDecisionList.Event(1, EventKind.INTRO, "intro", null, null, null, "T", null, 0, at, 300));
        at += 300;
        for (int i = 0; i < files.length; i++) {
            events.add(new EditDecisionList.Event(i + 2, EventKind.PIECE, "p" + i, "talking-life", "C" + i, null, "t", files[i], 0, at, 600));
            at += 600;
        }
        events.add(new EditDecisionList.Event(files.length + 2, EventKind.OUTRO, "outro", null, null, null, "Credits", null, 0, at, 450));
        return new EditDecisionList(new EpisodeKey("s", LocalDate.of(2026, 11, 30)), 1, 30, "T", Instant.EPOCH, "t", "r", events);
    }

    @Test
    void onlyFootageIsACandidateWhenThereIsSome() {
        // a voice memo (waveform card), a poem (text cards), a film, a photo
        EditDecisionList edl = edl("grace/voice.m4a", "marta/poem.txt", "amara/shop.mp4", "lucas/lagoa.jpg");

        // the film plays from frame 1500 to 2100: about a third and half-way into it, on its keyframes (every 60 frames)
        assertThat(ThumbnailPicker.candidates(edl)).containsExactly(1500L + 180, 1500L + 300);
    }

    @Test
    void photosWhenThereIsNoFootageAndAnyPieceWhenThereIsNeither() {
        assertThat(ThumbnailPicker.candidates(edl("a/voice.m4a", "b/photo.JPG"))).containsExactly(900L + 180, 900L + 300);
        assertThat(ThumbnailPicker.candidates(edl("a/voice.m4a", "b/poem.txt")))
                .containsExactly(300L + 180, 300L + 300, 900L + 180, 900L + 300);
    }
}
