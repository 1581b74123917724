package org.ensemble.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a person or system may do. ADMIN implies every other role. */
public enum Role {
    /** schedules and job runs */
    OPS,
    /** episodes, EDL revisions and re-renders */
    EDITOR,
    /** read-only access to /api/publish/** (people with HTTP Basic, systems with API tokens) */
    PUBLISHER,
    /** users and tokens, and everything else */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }

    /** The roles a granted set amounts to: ADMIN is expanded here, once, so every check can be a plain role test. */
    static Set<Role> effective(Set<Role> granted) {
        return granted.contains(ADMIN) ? EnumSet.allOf(Role.class) : granted.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(granted);
    }

    static Set<Role> parse(String commaSeparated) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                roles.add(Role.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            }
        }
        return roles;
    }
}
