package org.ensemble.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.ensemble.Hashes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Bearer tokens for publishing systems. A token is 32 random bytes, shown once when it is made; only its SHA-256
 * is stored (a fast hash is enough for a random secret of that length, and lets a request find its row directly).
 */
@Service
public class ApiTokens {

    static final String PREFIX = "ens_";
    private final SecureRandom random = new SecureRandom();

    public record Token(long id, String name, Instant createdAt, String createdBy, Instant lastUsedAt, Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A token just made: the only moment its secret is known. */
    public record Created(long id, String name, String secret) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public ApiTokens(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Created create(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("A token needs a name (up to 100 characters) saying who uses it");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("INSERT INTO api_token (name, token_sha256, created_at, created_by) VALUES (?, ?, ?, ?)")
                .params(name.strip(), sha256(secret), Timestamp.from(Instant.now()), AuditLog.currentActor()).update();
        long id = jdbc.sql("SELECT id FROM api_token WHERE token_sha256 = ?").param(sha256(secret)).query(Long.class).single();
        audit.record("token.create", "token " + id + " (" + name.strip() + ")", null);
        return new Created(id, name.strip(), secret);
    }

    /** The name of the active token with this secret, if any; notes when it was last used. */
    public Optional<String> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = sha256(secret);
        Optional<String> name = jdbc.sql("SELECT name FROM api_token WHERE token_sha256 = ? AND revoked_at IS NULL")
                .param(hash).query(String.class).optional();
        name.ifPresent(n -> jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE token_sha256 = ?")
                .params(Timestamp.from(Instant.now()), hash).update());
        return name;
    }

    public void revoke(long id) {
        int changed = jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(Instant.now()), id).update();
        if (changed == 0) {
            throw new IllegalArgumentException("No active token " + id);
        }
        audit.record("token.revoke", "token " + id, null);
    }

    public List<Token> list() {
        return jdbc.sql("SELECT * FROM api_token ORDER BY id")
                .query((rs, i) -> new Token(rs.getLong("id"), rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by"), instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at"))))
                .list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String sha256(String secret) {
        return Hashes.sha256(secret);
    }
}
