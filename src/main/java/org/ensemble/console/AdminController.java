package org.ensemble.console;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.ensemble.security.ApiTokens;
import org.ensemble.security.AuditLog;
import org.ensemble.security.Role;
import org.ensemble.security.UserAccounts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Users (create, roles, disable), API tokens (made here, shown once) and the audit log. */
@Controller
@RequestMapping("/console/admin")
class AdminController {

    private final UserAccounts users;
    private final ApiTokens tokens;
    private final AuditLog audit;

    AdminController(UserAccounts users, ApiTokens tokens, AuditLog audit) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("audit", audit.recent(200));
        model.addAttribute("roles", Role.values());
        return "console/admin";
    }

    @PostMapping("/users")
    String create(@RequestParam String username, @RequestParam String password,
                  @RequestParam(required = false) List<Role> roles, RedirectAttributes flash) {
        return attempt(flash, "Created user " + username, () -> users.create(username, password, set(roles)));
    }

    @PostMapping("/users/{username}/roles")
    String roles(@PathVariable String username, @RequestParam(required = false) List<Role> roles, RedirectAttributes flash) {
        return attempt(flash, "Roles of " + username + " changed", () -> users.setRoles(username, set(roles)));
    }

    @PostMapping("/users/{username}/enabled")
    String enabled(@PathVariable String username, @RequestParam boolean enabled, RedirectAttributes flash) {
        return attempt(flash, (enabled ? "Enabled " : "Disabled ") + username, () -> users.setEnabled(username, enabled));
    }

    @PostMapping("/users/{username}/password")
    String password(@PathVariable String username, @RequestParam String password, RedirectAttributes flash) {
        return attempt(flash, "Password of " + username + " changed", () -> users.setPassword(username, password));
    }

    @PostMapping("/tokens")
    String createToken(@RequestParam String name, RedirectAttributes flash) {
        try {
            var created = tokens.create(name);
            flash.addFlashAttribute("newToken", created);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/admin";
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes flash) {
        return attempt(flash, "Revoked token " + id, () -> tokens.revoke(id));
    }

    private static String attempt(RedirectAttributes flash, String done, Runnable change) {
        try {
            change.run();
            flash.addFlashAttribute("message", done);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/admin";
    }

    private static Set<Role> set(List<Role> roles) {
        return roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }
}
