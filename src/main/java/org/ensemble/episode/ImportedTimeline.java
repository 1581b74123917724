package org.ensemble.episode;

import java.util.List;

/**
 * A timeline as an edited {@code .edl} or {@code .otio} file gives it, read but not yet checked against the episode.
 * Record positions are frames from the start of the timeline (CMX 3600's 01:00:00:00 origin taken off).
 *
 * @param problems what could not be read (the events list holds what could)
 */
public record ImportedTimeline(String format, List<Event> events, List<TimelineProblem> problems) {

    public ImportedTimeline {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }

    /**
     * One event of the file.
     *
     * @param pieceId  the Ensemble piece it names ({@code * ENSEMBLE PIECE:} or OTIO clip metadata), null when absent
     * @param clipName the clip name ({@code * FROM CLIP NAME:} or the OTIO clip name), null when absent
     * @param reel     the CMX reel, null for OTIO
     */
    public record Event(int number, String pieceId, String clipName, String reel, long sourceIn, long sourceOut,
                        long recordIn, long recordOut) {

        public long frames() {
            return recordOut - recordIn;
        }
    }
}
