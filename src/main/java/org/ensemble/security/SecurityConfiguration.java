package org.ensemble.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestFilter;

/**
 * Three doors, three filter chains:
 * <ul>
 * <li>{@code /api/**}: stateless. HTTP Basic (people's scripts) or a bearer token (publishing systems). No session
 * is read or made, so a browser's console cookie opens nothing here; credentials come only in the Authorization
 * header, which a cross-site form or link cannot set, hence CSRF protection is off for this chain only.</li>
 * <li>{@code /actuator/**}: health is public (status only; details for OPS), everything else OPS.</li>
 * <li>everything else, the console: form login, session cookie, CSRF on every POST (htmx sends the token in a header);
 * a session ends at its next request once its user is disabled or their roles or password change ({@link SessionRevision}).</li>
 * </ul>
 * ADMIN implies every role (expanded when a user is loaded, see {@link Role#effective}).
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    private static final String OPS = Role.OPS.name();
    private static final String EDITOR = Role.EDITOR.name();
    private static final String PUBLISHER = Role.PUBLISHER.name();
    private static final String ADMIN = Role.ADMIN.name();

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ProblemResponses problems) throws Exception {
        http.securityMatcher("/api/**")
                .headers(SecurityConfiguration::privacyHeaders)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .httpBasic(b -> b.authenticationEntryPoint((req, res, e) ->
                        problems.write(req, res, HttpServletResponse.SC_UNAUTHORIZED, "Log in: HTTP Basic, or a bearer token for /api/publish")))
                .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) ->
                                problems.write(req, res, HttpServletResponse.SC_UNAUTHORIZED, "Log in: HTTP Basic, or a bearer token for /api/publish"))
                        .accessDeniedHandler((req, res, ex) ->
                                problems.write(req, res, HttpServletResponse.SC_FORBIDDEN, "Your role does not allow " + req.getMethod() + " " + req.getRequestURI())))
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/publish/**").hasRole(PUBLISHER)
                        .requestMatchers(HttpMethod.HEAD, "/api/publish/**").hasRole(PUBLISHER)
                        .requestMatchers("/api/admin/**").hasRole(ADMIN)
                        .requestMatchers("/api/ops/**").hasRole(OPS)
                        .requestMatchers("/api/shows/*/episodes/*/rerender", "/api/shows/*/episodes/*/edl/**",
                                "/api/shows/*/episodes/*/edl", "/api/shows/*/episodes/*/overrides").hasRole(EDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/shows/**").hasAnyRole(OPS, EDITOR)
                        // anything not named above (including writes a later door adds) is for admins until it is given a role
                        .anyRequest().hasRole(ADMIN));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http, ProblemResponses problems) throws Exception {
        http.securityMatcher("/actuator/**")
                .headers(SecurityConfiguration::privacyHeaders)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .httpBasic(b -> b.authenticationEntryPoint((req, res, e) ->
                        problems.write(req, res, HttpServletResponse.SC_UNAUTHORIZED, "Log in with HTTP Basic")))
                .exceptionHandling(e -> e.accessDeniedHandler((req, res, ex) ->
                        problems.write(req, res, HttpServletResponse.SC_FORBIDDEN, "Actuator endpoints are for OPS")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole(OPS));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain console(HttpSecurity http, AuditLog audit, UserAccounts users) throws Exception {
        var afterLogin = new SavedRequestAwareAuthenticationSuccessHandler();
        afterLogin.setDefaultTargetUrl("/console");
        SessionRevision sessions = new SessionRevision(users, audit);
        http.addFilterAfter(sessions, SecurityContextHolderAwareRequestFilter.class)
                .formLogin(f -> f.loginPage("/login").permitAll()
                        .successHandler((req, res, auth) -> {
                            audit.record(auth.getName(), "login", "console", req.getRemoteAddr());
                            sessions.remember(req, auth);
                            afterLogin.onAuthenticationSuccess(req, res, auth);
                        })
                        .failureHandler((req, res, ex) -> {
                            String who = req.getParameter("username");
                            audit.record(who == null || who.isBlank() ? "unknown" : who.length() > 100 ? who.substring(0, 100) : who,
                                    "login.failed", "console", ex.getClass().getSimpleName());
                            res.sendRedirect(req.getContextPath() + "/login?error");
                        }))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .addLogoutHandler((req, res, auth) -> {
                            if (auth != null) {
                                audit.record(auth.getName(), "logout", "console", null);
                            }
                        }))
                .headers(h -> privacyHeaders(h).contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; media-src 'self'; "
                                + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")))
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers("/login", "/assets/**", "/error").permitAll()
                        .requestMatchers("/console/admin/**").hasRole(ADMIN)
                        .requestMatchers("/console/shows/**", "/console/shows").hasRole(OPS)
                        .requestMatchers("/console/episodes/**").hasRole(EDITOR)
                        .requestMatchers(HttpMethod.POST, "/console/runs/*/stop", "/console/runs/*/restart").hasRole(OPS)
                        .requestMatchers("/console/runs/**", "/console/runs", "/console/contributions").hasAnyRole(OPS, EDITOR)
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * Every door: no address of an Ensemble page leaves for another site (same-origin referrers only), and the
     * browser features no page uses (camera, microphone, location, payment, USB, sensors) are off.
     */
    private static HeadersConfigurer<HttpSecurity> privacyHeaders(HeadersConfigurer<HttpSecurity> headers) {
        return headers.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(p -> p.policy(PERMISSIONS_POLICY));
    }

    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "accelerometer=(), gyroscope=(), magnetometer=(), interest-cohort=()";
}
