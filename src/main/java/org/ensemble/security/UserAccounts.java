package org.ensemble.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people who may log in, kept in the database with encoded passwords; every change is audited. */
@Service
public class UserAccounts implements UserDetailsService {

    static final int MIN_PASSWORD = 12;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    public record Account(String username, Set<Role> roles, boolean enabled, Instant createdAt, String createdBy) {
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AuditLog audit;

    public UserAccounts(JdbcClient jdbc, PasswordEncoder encoder, AuditLog audit) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("SELECT username, password_hash, roles, enabled FROM app_user WHERE username = ?").param(username)
                .query((rs, i) -> User.withUsername(rs.getString("username")).password(rs.getString("password_hash"))
                        .disabled(!rs.getBoolean("enabled"))
                        .authorities(Role.effective(Role.parse(rs.getString("roles"))).stream()
                                .map(r -> new SimpleGrantedAuthority(r.authority())).toList())
                        .build())
                .optional().orElseThrow(() -> new UsernameNotFoundException("No user " + username));
    }

    @Transactional
    public void create(String username, String password, Set<Role> roles) {
        if (username == null || !NAME.matcher(username).matches()) {
            throw new IllegalArgumentException("A user name is 2 to 64 lower-case letters, digits, '.', '_' or '-'");
        }
        requireStrong(password);
        if (exists(username)) {
            throw new IllegalArgumentException("User " + username + " exists already");
        }
        jdbc.sql("INSERT INTO app_user (username, password_hash, roles, enabled, created_at, created_by) VALUES (?, ?, ?, TRUE, ?, ?)")
                .params(username, encoder.encode(password), join(roles), Timestamp.from(Instant.now()), AuditLog.currentActor())
                .update();
        audit.record("user.create", username, "roles " + join(roles));
    }

    @Transactional
    public void setRoles(String username, Set<Role> roles) {
        requireExists(username);
        if (!roles.contains(Role.ADMIN)) {
            requireAnotherAdmin(username, "take the ADMIN role from");
        }
        jdbc.sql("UPDATE app_user SET roles = ?, revision = revision + 1 WHERE username = ?").params(join(roles), username).update();
        audit.record("user.roles", username, "roles " + join(roles));
    }

    @Transactional
    public void setEnabled(String username, boolean enabled) {
        requireExists(username);
        if (!enabled) {
            requireAnotherAdmin(username, "disable");
        }
        jdbc.sql("UPDATE app_user SET enabled = ?, revision = revision + 1 WHERE username = ?").params(enabled, username).update();
        audit.record(enabled ? "user.enable" : "user.disable", username, null);
    }

    @Transactional
    public void setPassword(String username, String password) {
        requireExists(username);
        requireStrong(password);
        jdbc.sql("UPDATE app_user SET password_hash = ?, revision = revision + 1 WHERE username = ?")
                .params(encoder.encode(password), username).update();
        audit.record("user.password", username, null);
    }

    public List<Account> list() {
        return jdbc.sql("SELECT * FROM app_user ORDER BY username")
                .query((rs, i) -> new Account(rs.getString("username"), Role.parse(rs.getString("roles")),
                        rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .list();
    }

    /**
     * The revision of an enabled user (it goes up with every change of roles, password or being enabled); empty
     * when there is no such user or they are disabled.
     */
    public OptionalInt revision(String username) {
        return jdbc.sql("SELECT revision FROM app_user WHERE username = ? AND enabled = TRUE").param(username)
                .query(Integer.class).optional().map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** Enabled users with the ADMIN role. */
    long enabledAdmins() {
        return list().stream().filter(a -> a.enabled() && a.roles().contains(Role.ADMIN)).count();
    }

    /**
     * Makes the machine's operator an admin again when nobody can administer (no enabled ADMIN): {@code username}
     * is created, or enabled with the ADMIN role added and the given password. Answers whether it had to.
     */
    @Transactional
    public boolean recoverAdmin(String username, String password) {
        if (enabledAdmins() > 0) {
            return false;
        }
        requireStrong(password);
        if (!exists(username)) {
            create(username, password, EnumSet.of(Role.ADMIN));
        } else {
            Set<Role> roles = EnumSet.of(Role.ADMIN);
            roles.addAll(list().stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow().roles());
            jdbc.sql("UPDATE app_user SET roles = ?, enabled = TRUE, password_hash = ?, revision = revision + 1 WHERE username = ?")
                    .params(join(roles), encoder.encode(password), username).update();
        }
        audit.record("system", "user.recover-admin", username, "no enabled admin was left");
        return true;
    }

    public boolean exists(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?").param(username).query(Integer.class).single() > 0;
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
    }

    private void requireExists(String username) {
        if (!exists(username)) {
            throw new IllegalArgumentException("No user " + username);
        }
    }

    /** Refuses a change that would leave no enabled admin: nobody could then manage users or log in to fix it. */
    private void requireAnotherAdmin(String username, String change) {
        boolean isEnabledAdmin = list().stream().anyMatch(a -> a.username().equals(username) && a.enabled()
                && a.roles().contains(Role.ADMIN));
        if (isEnabledAdmin && enabledAdmins() <= 1) {
            throw new IllegalArgumentException("Cannot " + change + " " + username + ": they are the last enabled admin. "
                    + "Make another user an admin first.");
        }
    }

    private static void requireStrong(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("A password has at least " + MIN_PASSWORD + " characters");
        }
    }

    private static String join(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }
}
