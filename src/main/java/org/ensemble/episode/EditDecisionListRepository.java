package org.ensemble.episode;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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

    /** Pieces of a show that went out in an earlier, published episode: by contribution id and by content SHA-256. */
    public record AiredPieces(Set<String> ids, Set<String> sha256s) {
        public boolean contains(String id, String sha256) {
            return ids.contains(id) || (sha256 != null && sha256s.contains(sha256));
        }
    }

    /**
     * What was on air before {@code episode}: the pieces of every published revision of the show's earlier episodes
     * (the EDL revision each publication was made from), with the SHA-256 recorded at their ingest.
     */
    public AiredPieces airedBefore(EpisodeKey episode) {
        record Aired(LocalDate airDate, String body) {
        }
        Set<String> ids = new TreeSet<>();
        Set<String> sha256s = new TreeSet<>();
        jdbc.sql("""
                SELECT e.air_date, e.body FROM edl_revision e
                JOIN publication p ON p.show_id = e.show_id AND p.air_date = e.air_date AND p.edl_revision = e.revision
                WHERE e.show_id = ? AND e.air_date < ? AND p.status = 'PUBLISHED'
                ORDER BY e.air_date, e.revision""")
                .params(episode.showId(), episode.airDate())
                .query((rs, i) -> new Aired(rs.getObject("air_date", LocalDate.class), rs.getString("body")))
                .list().forEach(aired -> {
                    for (EditDecisionList.Event piece : json.readValue(aired.body(), EditDecisionList.class).pieces()) {
                        ids.add(piece.pieceId());
                        jdbc.sql("SELECT sha256 FROM contribution WHERE show_id = ? AND air_date = ? AND id = ?")
                                .params(episode.showId(), aired.airDate(), piece.pieceId())
                                .query(String.class).optional().map(String::trim).ifPresent(sha256s::add);
                    }
                });
        return new AiredPieces(Set.copyOf(ids), Set.copyOf(sha256s));
    }
}
