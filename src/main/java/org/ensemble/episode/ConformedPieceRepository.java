package org.ensemble.episode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ensemble.media.LoudnessMeasurement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class ConformedPieceRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
                  loudness_tp, loudness_lra, loudness_thresh, loudness_offset, loudness, conformed_at, quality)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(piece.episode().showId(), piece.episode().airDate(), piece.contributionId(), piece.segmentKey(),
                        piece.frames(), m == null ? null : finite(m.integratedLufs()), m == null ? null : finite(m.truePeakDbtp()),
                        m == null ? null : finite(m.rangeLu()), m == null ? null : finite(m.thresholdLufs()),
                        m == null ? null : finite(m.targetOffsetLu()), m == null ? null : exact(m), Timestamp.from(Instant.now()),
                        piece.quality() == null ? null : JSON.writeValueAsString(piece.quality()))
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

    /** Every figure as Java writes a double (so -Infinity and NaN survive), then whether it is reliable. */
    static String exact(LoudnessMeasurement m) {
        return m.integratedLufs() + "|" + m.truePeakDbtp() + "|" + m.rangeLu() + "|" + m.thresholdLufs() + "|" + m.targetOffsetLu()
                + "|" + m.reliable();
    }

    static LoudnessMeasurement exact(String text) {
        String[] f = text.split("\\|");
        return new LoudnessMeasurement(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Boolean.parseBoolean(f[5]));
    }

    static ConformedPiece map(ResultSet rs, int row) throws SQLException {
        String exact = rs.getString("loudness");
        double i = rs.getDouble("loudness_i");
        // rows from before the exact column keep their rounded, finite figures
        LoudnessMeasurement m = exact != null ? exact(exact) : rs.wasNull() ? null : new LoudnessMeasurement(i, rs.getDouble("loudness_tp"),
                rs.getDouble("loudness_lra"), rs.getDouble("loudness_thresh"), rs.getDouble("loudness_offset"));
        String quality = rs.getString("quality");
        return new ConformedPiece(new EpisodeKey(rs.getString("show_id"), rs.getObject("air_date", LocalDate.class)),
                rs.getString("contribution_id"), rs.getString("segment_key"), rs.getLong("frames"), m,
                quality == null ? null : JSON.readValue(quality, PieceQuality.class));
    }
}
