package org.ensemble.publish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhook outbox: every event for every receiver is a row before anything is sent. */
@Repository
class WebhookDeliveries {

    record Delivery(long id, String url, String eventKey, String eventType, String body, String status, int attempts,
                    Instant nextAttemptAt, Instant deliveredAt, String lastError) {
    }

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues an event for a receiver once: the same event key for the same URL is queued only the first time. */
    void enqueue(String url, String eventKey, String eventType, String body, Instant now) {
        Integer known = jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE url = ? AND event_key = ?")
                .params(url, eventKey).query(Integer.class).single();
        if (known == 0) {
            jdbc.sql("""
                    INSERT INTO webhook_delivery (url, event_key, event_type, body, status, attempts, next_attempt_at, created_at)
                    VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
                    .params(url, eventKey, eventType, body, Timestamp.from(now), Timestamp.from(now)).update();
        }
    }

    List<Delivery> due(Instant now, int limit) {
        return jdbc.sql("SELECT * FROM webhook_delivery WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY id")
                .params(Timestamp.from(now)).query(this::row).list().stream().limit(limit).toList();
    }

    List<Delivery> all() {
        return jdbc.sql("SELECT * FROM webhook_delivery ORDER BY id").query(this::row).list();
    }

    void delivered(long id, int attempts, Instant at) {
        jdbc.sql("UPDATE webhook_delivery SET status = 'DELIVERED', attempts = ?, delivered_at = ?, last_error = NULL WHERE id = ?")
                .params(attempts, Timestamp.from(at), id).update();
    }

    void failed(long id, int attempts, Instant nextAttempt, String error, boolean giveUp) {
        jdbc.sql("UPDATE webhook_delivery SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
                .params(giveUp ? "FAILED" : "PENDING", attempts, Timestamp.from(nextAttempt),
                        error.length() > 2000 ? error.substring(0, 2000) : error, id).update();
    }

    private Delivery row(ResultSet rs, int i) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new Delivery(rs.getLong("id"), rs.getString("url"), rs.getString("event_key"), rs.getString("event_type"),
                rs.getString("body"), rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(),
                delivered == null ? null : delivered.toInstant(), rs.getString("last_error"));
    }
}
