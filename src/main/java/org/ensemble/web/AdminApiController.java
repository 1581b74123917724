package org.ensemble.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.ensemble.security.ApiTokens;
import org.ensemble.security.Role;
import org.ensemble.security.UserAccounts;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.ProblemDetail;

/** Admins' JSON door: users and API tokens (a new token's secret is in the answer once, never again). */
@RestController
@RequestMapping("/api/admin")
class AdminApiController {

    private final UserAccounts users;
    private final ApiTokens tokens;

    AdminApiController(UserAccounts users, ApiTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    record NewUser(String username, String password, List<Role> roles) {
    }

    record NewToken(String name) {
    }

    @GetMapping("/users")
    List<UserAccounts.Account> users() {
        return users.list();
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserAccounts.Account createUser(@RequestBody NewUser user) {
        Set<Role> roles = user.roles() == null || user.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(user.roles());
        users.create(user.username(), user.password(), roles);
        return users.list().stream().filter(a -> a.username().equals(user.username())).findFirst().orElseThrow();
    }

    @GetMapping("/tokens")
    List<ApiTokens.Token> tokens() {
        return tokens.list();
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    ApiTokens.Created createToken(@RequestBody NewToken token) {
        return tokens.create(token.name());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail refused(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
