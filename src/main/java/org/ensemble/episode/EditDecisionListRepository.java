package org.ensemble.episode;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

    /**
     * The EDL a job execution works on: the revision its plan step chose (kept in the job's execution context), or the
     * newest one for executions made before the plan step recorded its choice.
     */
    public EditDecisionList forExecution(EpisodeKey episode, Integer revision) {
        Optional<EditDecisionList> edl = revision == null ? latest(episode) : find(episode, revision);
        return edl.orElseThrow(() -> new IllegalStateException("No EDL " + (revision == null ? "" : "revision " + revision + " ")
                + "for " + episode));
    }

    /** One line of an episode's EDL history: who or what made a revision, and why. */
    public record RevisionSummary(int revision, Instant createdAt, String createdBy, String reason, long totalFrames) {
    }

    public List<RevisionSummary> history(EpisodeKey episode) {
        return jdbc.sql("""
                SELECT revision, created_at, created_by, reason, total_frames FROM edl_revision
                WHERE show_id = ? AND air_date = ? ORDER BY revision""")
                .params(episode.showId(), episode.airDate())
                .query((rs, i) -> new RevisionSummary(rs.getInt("revision"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by"), rs.getString("reason"), rs.getLong("total_frames")))
                .list();
    }

    public Optional<EditDecisionList> find(EpisodeKey episode, int revision) {
        return jdbc.sql("SELECT body FROM edl_revision WHERE show_id = ? AND air_date = ? AND revision = ?")
                .params(episode.showId(), episode.airDate(), revision).query(String.class).optional()
                .map(body -> json.readValue(body, EditDecisionList.class));
    }
}
