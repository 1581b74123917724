package org.ensemble.console;

import jakarta.servlet.http.HttpServletRequest;
import org.ensemble.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows: who is logged in, which parts of the console they may open, the CSRF token. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    record Viewer(String name, boolean ops, boolean editor, boolean admin) {
    }

    @ModelAttribute("viewer")
    Viewer viewer(Authentication authentication) {
        if (authentication == null) {
            return new Viewer(null, false, false, false);
        }
        var roles = authentication.getAuthorities().stream().map(a -> a.getAuthority()).toList();
        return new Viewer(authentication.getName(), roles.contains(Role.OPS.authority()),
                roles.contains(Role.EDITOR.authority()), roles.contains(Role.ADMIN.authority()));
    }

    /** Loaded here, before the page renders, so the session holding it exists before the response is committed. */
    @ModelAttribute("csrf")
    CsrfToken csrf(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (token != null) {
            token.getToken();
        }
        return token;
    }
}
