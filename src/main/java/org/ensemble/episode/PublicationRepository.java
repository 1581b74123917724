package org.ensemble.episode;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which package revisions an episode has, and which job execution made each. */
@Repository
public class PublicationRepository {

    public record Publication(EpisodeKey episode, int revision, long jobExecutionId, int edlRevision, String status,
                              String path, Instant publishedAt) {
    }

    private final JdbcClient jdbc;

    public PublicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public int nextRevision(EpisodeKey episode) {
        Integer max = jdbc.sql("SELECT COALESCE(MAX(revision), 0) FROM publication WHERE show_id = ? AND air_date = ?")
                .params(episode.showId(), episode.airDate()).query(Integer.class).single();
        return max + 1;
    }

    public void reserve(EpisodeKey episode, int revision, long jobExecutionId, int edlRevision, String path) {
        jdbc.sql("""
                INSERT INTO publication (show_id, air_date, revision, job_execution_id, edl_revision, status, path)
                VALUES (?, ?, ?, ?, ?, 'STAGING', ?)""")
                .params(episode.showId(), episode.airDate(), revision, jobExecutionId, edlRevision, path).update();
    }

    public void markPublished(EpisodeKey episode, int revision) {
        jdbc.sql("UPDATE publication SET status = 'PUBLISHED', published_at = ? WHERE show_id = ? AND air_date = ? AND revision = ?")
                .params(Timestamp.from(Instant.now()), episode.showId(), episode.airDate(), revision).update();
    }

    /** Ops removed the revision's folder by the retention policy; the row stays as history. */
    public void markPruned(EpisodeKey episode, int revision) {
        jdbc.sql("UPDATE publication SET status = 'PRUNED' WHERE show_id = ? AND air_date = ? AND revision = ?")
                .params(episode.showId(), episode.airDate(), revision).update();
    }

    /**
     * The newest package revision an EDL revision was (or is being) published as, if any: so a restarted job finishes
     * it instead of adding one.
     */
    public Optional<Publication> forEdl(EpisodeKey episode, int edlRevision) {
        return list(episode).stream().filter(p -> p.edlRevision() == edlRevision).reduce((a, b) -> b);
    }

    public List<Publication> list(EpisodeKey episode) {
        return jdbc.sql("SELECT * FROM publication WHERE show_id = ? AND air_date = ? ORDER BY revision")
                .params(episode.showId(), episode.airDate())
                .query((rs, i) -> {
                    Timestamp at = rs.getTimestamp("published_at");
                    return new Publication(episode, rs.getInt("revision"), rs.getLong("job_execution_id"),
                            rs.getInt("edl_revision"), rs.getString("status"), rs.getString("path"),
                            at == null ? null : at.toInstant());
                }).list();
    }

    public Optional<Publication> latestPublished(EpisodeKey episode) {
        return list(episode).stream().filter(p -> p.status().equals("PUBLISHED")).reduce((a, b) -> b);
    }
}
