package org.ensemble.episode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ensemble.media.LoudnessMeasurement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ConformedPieceRepository {

    private final JdbcClient jdbc;

    public ConformedPieceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(ConformedPiece piece) {
        jdbc.sql("DELETE FROM conformed_piece WHERE show_id = ? AND air_date = ? AND contribution_id = ?")
                .params(piece.episode().showId(), piece.episode().airDate(), piece.contributionId()).update();
        LoudnessMeasurement m = piece.measured();
        jdbc.sql("""
                INSERT INTO conformed_piece (show_id, air_date, contribution_id, segment_key, frames, loudness_i,
                  loudness_tp, loudness_lra, loudness_thresh, loudness_offset, conformed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(piece.episode().showId(), piece.episode().airDate(), piece.contributionId(), piece.segmentKey(),
                        piece.frames(), m == null ? null : finite(m.integratedLufs()), m == null ? null : finite(m.truePeakDbtp()),
                        m == null ? null : finite(m.rangeLu()), m == null ? null : finite(m.thresholdLufs()),
                        m == null ? null : finite(m.targetOffsetLu()), Timestamp.from(Instant.now()))
                .update();
    }

    public Map<String, ConformedPiece> findAll(EpisodeKey episode) {
        return jdbc.sql("SELECT * FROM conformed_piece WHERE show_id = ? AND air_date = ?")
                .params(episode.showId(), episode.airDate()).query(ConformedPieceRepository::map).list().stream()
                .collect(Collectors.toMap(ConformedPiece::contributionId, Function.identity()));
    }

    public List<ConformedPiece> list(EpisodeKey episode) {
        return List.copyOf(findAll(episode).values());
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static ConformedPiece map(ResultSet rs, int row) throws SQLException {
        double i = rs.getDouble("loudness_i");
        LoudnessMeasurement m = rs.wasNull() ? null : new LoudnessMeasurement(i, rs.getDouble("loudness_tp"),
                rs.getDouble("loudness_lra"), rs.getDouble("loudness_thresh"), rs.getDouble("loudness_offset"));
        return new ConformedPiece(new EpisodeKey(rs.getString("show_id"), rs.getObject("air_date", java.time.LocalDate.class)),
                rs.getString("contribution_id"), rs.getString("segment_key"), rs.getLong("frames"), m);
    }
}
