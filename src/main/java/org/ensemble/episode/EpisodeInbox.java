package org.ensemble.episode;

import java.nio.file.Path;
import java.util.Optional;

import org.ensemble.EnsembleSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where an episode's contributions are read from (table episode_inbox). An inbox configured for the show
 * ({@code ensemble.inboxes.<show>}, which the command line's {@code --inbox} sets) is used; otherwise the one the
 * episode's ingest used, so a re-render, an import or a restart finds the pieces where the run found them without
 * being told again; otherwise {@code <home>/inbox/<show>}. Ingest remembers the one it reads.
 */
@Component
public class EpisodeInbox {

    private final JdbcClient jdbc;
    private final EnsembleSettings settings;

    public EpisodeInbox(JdbcClient jdbc, EnsembleSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** The folder this episode's contributions are read from. */
    public Path of(EpisodeKey episode) {
        return settings.configuredInbox(episode.showId())
                .or(() -> remembered(episode))
                .orElseGet(() -> settings.inbox(episode.showId()));
    }

    /** Records that the episode's contributions are read from {@code inbox} (an absolute path is kept). */
    @Transactional
    public void remember(EpisodeKey episode, Path inbox) {
        jdbc.sql("DELETE FROM episode_inbox WHERE show_id = ? AND air_date = ?").params(episode.showId(), episode.airDate()).update();
        jdbc.sql("INSERT INTO episode_inbox (show_id, air_date, inbox) VALUES (?, ?, ?)")
                .params(episode.showId(), episode.airDate(), inbox.toAbsolutePath().normalize().toString()).update();
    }

    Optional<Path> remembered(EpisodeKey episode) {
        return jdbc.sql("SELECT inbox FROM episode_inbox WHERE show_id = ? AND air_date = ?")
                .params(episode.showId(), episode.airDate()).query(String.class).optional().map(Path::of);
    }
}
