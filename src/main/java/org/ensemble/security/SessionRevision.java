package org.ensemble.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.OptionalInt;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session at its next request once its user was disabled, lost or gained a role, or changed password:
 * the session remembers the user's revision at login ({@link #remember}), and every request compares it with the
 * database's. The request that finds the difference does nothing; it is sent to the login page.
 */
final class SessionRevision extends OncePerRequestFilter {

    static final String ATTRIBUTE = SessionRevision.class.getName() + ".revision";

    private final UserAccounts users;
    private final AuditLog audit;

    SessionRevision(UserAccounts users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    /** Called on a successful login: the session belongs to the user as they are now. */
    void remember(HttpServletRequest request, Authentication auth) {
        OptionalInt revision = users.revision(auth.getName());
        if (revision.isPresent()) {
            request.getSession().setAttribute(ATTRIBUTE, revision.getAsInt());
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Object remembered = session == null ? null : session.getAttribute(ATTRIBUTE);
        if (remembered instanceof Integer atLogin && auth != null && auth.isAuthenticated()) {
            OptionalInt now = users.revision(auth.getName());
            if (now.isEmpty() || now.getAsInt() != atLogin) {
                String why = now.isEmpty() ? "the user is disabled or removed" : "the user's roles or password changed";
                session.invalidate();
                SecurityContextHolder.clearContext();
                audit.record(auth.getName(), "session.ended", "console", why + "; refused " + request.getMethod() + " "
                        + request.getRequestURI());
                response.sendRedirect(request.getContextPath() + "/login?ended");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
