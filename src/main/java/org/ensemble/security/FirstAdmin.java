package org.ensemble.security;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * There are no default passwords: when the server starts with no users at all, it creates {@code admin} with the
 * password in ENSEMBLE_ADMIN_PASSWORD, or else a generated one that is printed to the log this once.
 */
@Component
@ConditionalOnWebApplication
class FirstAdmin implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);
    static final String ADMIN = "admin";
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserAccounts users;
    private final AuditLog audit;
    private final Environment environment;

    FirstAdmin(UserAccounts users, AuditLog audit, Environment environment) {
        this.users = users;
        this.audit = audit;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureAdmin(environment.getProperty("ENSEMBLE_ADMIN_PASSWORD"));
    }

    /**
     * Creates the first admin when there is no user; answers the generated password, if one was generated. When there
     * are users but no enabled admin (nobody can manage users), a start with {@code ENSEMBLE_ADMIN_PASSWORD} set
     * makes {@code admin} an enabled admin again with that password: the operator's way back in.
     */
    Optional<String> ensureAdmin(String configured) {
        if (users.count() > 0) {
            if (configured != null && !configured.isBlank() && users.recoverAdmin(ADMIN, configured)) {
                LOG.warn("No enabled admin was left: user '{}' is an enabled admin again, with the password from "
                        + "ENSEMBLE_ADMIN_PASSWORD", ADMIN);
            } else if (users.enabledAdmins() == 0) {
                LOG.warn("No enabled admin is left, so nobody can manage users: start once with ENSEMBLE_ADMIN_PASSWORD "
                        + "set to make user '{}' an admin again", ADMIN);
            }
            return Optional.empty();
        }
        boolean generate = configured == null || configured.isBlank();
        String password = generate ? generate() : configured;
        users.create(ADMIN, password, EnumSet.of(Role.ADMIN));
        audit.record("system", "user.first-admin", ADMIN, generate ? "generated password" : "password from ENSEMBLE_ADMIN_PASSWORD");
        if (generate) {
            LOG.warn("""

                    ==================================================================
                    First start: created user '{}' with the password
                        {}
                    It is shown only this once. Log in and change it (Admin page).
                    ==================================================================""", ADMIN, password);
        } else {
            LOG.info("First start: created user '{}' with the password from ENSEMBLE_ADMIN_PASSWORD", ADMIN);
        }
        return generate ? Optional.of(password) : Optional.empty();
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
