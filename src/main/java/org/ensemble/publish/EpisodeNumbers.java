package org.ensemble.publish;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.ensemble.episode.EpisodeKey;
import org.ensemble.show.ShowDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Season and episode numbers: the season is the show's for the air date ({@link ShowDefinition#season}), the episode
 * the next number in that season of the show, given once when the episode is first published and kept through every
 * re-render.
 */
@Repository
class EpisodeNumbers {

    record Number(int season, int episode, String theme) {
    }

    private final JdbcClient jdbc;

    EpisodeNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Number> find(EpisodeKey key) {
        return jdbc.sql("SELECT season, episode, theme FROM episode_number WHERE show_id = ? AND air_date = ?")
                .params(key.showId(), key.airDate())
                .query((rs, i) -> new Number(rs.getInt("season"), rs.getInt("episode"), rs.getString("theme"))).optional();
    }

    Number assign(EpisodeKey key, ShowDefinition show) {
        Optional<Number> known = find(key);
        if (known.isPresent()) {
            return known.get();
        }
        int season = show.season(key.airDate());
        int next = jdbc.sql("SELECT COALESCE(MAX(episode), 0) + 1 FROM episode_number WHERE show_id = ? AND season = ?")
                .params(key.showId(), season).query(Integer.class).single();
        jdbc.sql("INSERT INTO episode_number (show_id, air_date, season, episode, assigned_at) VALUES (?, ?, ?, ?, ?)")
                .params(key.showId(), key.airDate(), season, next, Timestamp.from(Instant.now())).update();
        return new Number(season, next, null);
    }
}
