package org.ensemble.episode;

import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The EDL revisions of each episode, stored as JSON; revisions are only ever added. */
@Repository
public class EditDecisionListRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    public EditDecisionListRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public int nextRevision(EpisodeKey episode) {
        Integer max = jdbc.sql("SELECT COALESCE(MAX(revision), 0) FROM edl_revision WHERE show_id = ? AND air_date = ?")
                .params(episode.showId(), episode.airDate()).query(Integer.class).single();
        return max + 1;
    }

    public void add(EditDecisionList edl) {
        jdbc.sql("""
                INSERT INTO edl_revision (show_id, air_date, revision, created_at, created_by, reason, total_frames, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(edl.episode().showId(), edl.episode().airDate(), edl.revision(), Timestamp.from(edl.createdAt()),
                        edl.createdBy(), edl.reason(), edl.totalFrames(), json.writeValueAsString(edl))
                .update();
    }

    public Optional<EditDecisionList> latest(EpisodeKey episode) {
        return jdbc.sql("SELECT body FROM edl_revision WHERE show_id = ? AND air_date = ? ORDER BY revision DESC FETCH FIRST 1 ROWS ONLY")
                .params(episode.showId(), episode.airDate()).query(String.class).optional()
                .map(body -> json.readValue(body, EditDecisionList.class));
    }

    public Optional<EditDecisionList> find(EpisodeKey episode, int revision) {
        return jdbc.sql("SELECT body FROM edl_revision WHERE show_id = ? AND air_date = ? AND revision = ?")
                .params(episode.showId(), episode.airDate(), revision).query(String.class).optional()
                .map(body -> json.readValue(body, EditDecisionList.class));
    }
}
