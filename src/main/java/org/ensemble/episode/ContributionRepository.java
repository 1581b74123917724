package org.ensemble.episode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The contributions an episode's ingest recorded. Re-ingesting a line replaces what was recorded for it. */
@Repository
public class ContributionRepository {

    private final JdbcClient jdbc;

    public ContributionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(Contribution c) {
        jdbc.sql("DELETE FROM contribution WHERE show_id = ? AND air_date = ? AND id = ?")
                .params(c.episode().showId(), c.episode().airDate(), c.id()).update();
        jdbc.sql("""
                INSERT INTO contribution (show_id, air_date, id, line_number, contributor, location, category, title,
                  file_path, caption_path, approved_at, trim_in, trim_out, sha256, size_bytes, detected_type, media_kind,
                  frames, width, height, audio_stream, words, status, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.episode().showId(), c.episode().airDate(), c.id(), c.line(), c.contributor(), c.location(),
                        c.category() == null ? null : c.category().slug(), c.title(), c.file(), c.caption(),
                        c.approvedAt() == null ? null : Timestamp.from(c.approvedAt()), c.trimIn(), c.trimOut(),
                        c.sha256(), c.sizeBytes(), c.detectedType(), c.kind() == null ? null : c.kind().name(),
                        c.frames(), c.width(), c.height(), c.audioStream(), c.words(), c.status().name(),
                        c.reason())
                .update();
    }

    public List<Contribution> findAll(EpisodeKey episode) {
        return jdbc.sql("SELECT * FROM contribution WHERE show_id = ? AND air_date = ? ORDER BY line_number, id")
                .params(episode.showId(), episode.airDate()).query(ContributionRepository::map).list();
    }

    public List<Contribution> findAccepted(EpisodeKey episode) {
        return findAll(episode).stream().filter(Contribution::accepted).toList();
    }

    public Optional<Contribution> find(EpisodeKey episode, String id) {
        return jdbc.sql("SELECT * FROM contribution WHERE show_id = ? AND air_date = ? AND id = ?")
                .params(episode.showId(), episode.airDate(), id).query(ContributionRepository::map).optional();
    }

    /** What to look for across episodes; a null field matches anything. {@code contributor} matches a part of the name. */
    public record Search(String showId, Contribution.Status status, Category category, String contributor) {
    }

    /** Contributions of every episode that match, newest air date first, at most {@code limit}. */
    public List<Contribution> search(Search search, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM contribution WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (search.showId() != null && !search.showId().isBlank()) {
            sql.append(" AND show_id = ?");
            params.add(search.showId());
        }
        if (search.status() != null) {
            sql.append(" AND status = ?");
            params.add(search.status().name());
        }
        if (search.category() != null) {
            sql.append(" AND category = ?");
            params.add(search.category().slug());
        }
        if (search.contributor() != null && !search.contributor().isBlank()) {
            sql.append(" AND LOWER(contributor) LIKE ? ESCAPE '!'");
            String like = search.contributor().strip().toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_");
            params.add("%" + like + "%");
        }
        sql.append(" ORDER BY air_date DESC, show_id, line_number, id FETCH FIRST ").append(Math.max(1, limit)).append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(ContributionRepository::map).list();
    }

    public void reject(EpisodeKey episode, String id, String reason) {
        jdbc.sql("UPDATE contribution SET status = 'REJECTED', reason = ? WHERE show_id = ? AND air_date = ? AND id = ?")
                .params(reason, episode.showId(), episode.airDate(), id).update();
    }

    static Contribution map(ResultSet rs, int row) throws SQLException {
        Timestamp approved = rs.getTimestamp("approved_at");
        String category = rs.getString("category");
        String kind = rs.getString("media_kind");
        return new Contribution(new EpisodeKey(rs.getString("show_id"), rs.getObject("air_date", LocalDate.class)),
                rs.getString("id"), rs.getInt("line_number"), rs.getString("contributor"), rs.getString("location"),
                category == null ? null : Category.fromSlug(category), rs.getString("title"), rs.getString("file_path"),
                rs.getString("caption_path"), approved == null ? null : approved.toInstant(), rs.getLong("trim_in"),
                rs.getLong("trim_out"), rs.getString("sha256"), rs.getLong("size_bytes"), rs.getString("detected_type"),
                kind == null ? null : MediaKind.valueOf(kind), rs.getLong("frames"), rs.getInt("width"),
                rs.getInt("height"), rs.getString("audio_stream"), rs.getInt("words"),
                Contribution.Status.valueOf(rs.getString("status")), rs.getString("reason"));
    }
}
