package org.ensemble.episode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.ensemble.media.LoudnessMeasurement;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A measurement comes back from the database exactly as conform made it: render rebuilds the segment's key from it,
 * and a silent piece (-Infinity) or a short one (not reliable, no threshold) read back differently would be encoded a
 * second time under another key.
 */
class ConformedPieceRepositoryTest {

    @Test
    void silentShortAndOrdinaryMeasurementsSurviveTheRoundTrip() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        ConformedPieceRepository repository = new ConformedPieceRepository(JdbcClient.create(h2));
        EpisodeKey episode = new EpisodeKey("tiny-show", LocalDate.of(2026, 11, 30));
        LoudnessMeasurement silent = new LoudnessMeasurement(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -70, 0);
        LoudnessMeasurement shortPiece = new LoudnessMeasurement(-23.4, -9.1, 0.4, Double.NaN, Double.NaN, false);
        LoudnessMeasurement ordinary = new LoudnessMeasurement(-20.13, -3.02, 6.5, -30.4, 0.21);

        repository.save(new ConformedPiece(episode, "silent", "k1", 90, silent));
        repository.save(new ConformedPiece(episode, "short", "k2", 60, shortPiece));
        repository.save(new ConformedPiece(episode, "ordinary", null, 300, ordinary));
        repository.save(new ConformedPiece(episode, "still", null, 300, null));

        var found = repository.findAll(episode);
        assertThat(found.get("silent").measured()).isEqualTo(silent);
        assertThat(found.get("short").measured()).isEqualTo(shortPiece);
        assertThat(found.get("short").measured().reliable()).isFalse();
        assertThat(found.get("ordinary").measured()).isEqualTo(ordinary);
        assertThat(found.get("still").measured()).isNull();
        assertThat(found.get("ordinary").segmentKey()).isNull();
    }
}
