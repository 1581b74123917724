package org.ensemble.cli;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The person at the terminal, as the audit log names them ({@code cli:<user>}), for the length of one change. */
final class TerminalUser {

    private TerminalUser() {
    }

    static <T> T asPersonAtTerminal(Supplier<T> change) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "cli:" + System.getProperty("user.name", "unknown"), null, List.of()));
        try {
            return change.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
