package org.ensemble.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Who did what to what, and when: every state-changing action (logins, runs, re-renders, EDL edits, users, tokens)
 * is recorded here. Call {@link #record(String, String, String)} from any door; the actor is the logged-in user.
 */
@Service
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_DETAIL = 2000;

    public record Entry(long id, Instant at, String actor, String action, String target, String detail) {
    }

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an action by whoever is authenticated on this thread ("system" when nobody is). */
    public void record(String action, String target, String detail) {
        record(currentActor(), action, target, detail);
    }

    public void record(String actor, String action, String target, String detail) {
        String shortDetail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        jdbc.sql("INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")
                .params(Timestamp.from(Instant.now()), actor, action, target, shortDetail).update();
        LOG.info("Audit: {} {} {}{}", actor, action, target, shortDetail == null ? "" : " (" + shortDetail + ")");
    }

    public List<Entry> recent(int limit) {
        return jdbc.sql("SELECT * FROM audit_log ORDER BY id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .query((rs, i) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("action"), rs.getString("target"), rs.getString("detail")))
                .list();
    }

    public static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || auth.getName() == null ? "system" : auth.getName();
    }
}
