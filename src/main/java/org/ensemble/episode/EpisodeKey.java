package org.ensemble.episode;

import java.time.LocalDate;

/** One episode of one show: the identity of a weekly job instance. */
public record EpisodeKey(String showId, LocalDate airDate) {

    @Override
    public String toString() {
        return showId + "/" + airDate;
    }
}
