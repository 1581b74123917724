package org.ensemble.security;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** How passwords are stored; needed by the server and by the command line alike. */
@Configuration
class PasswordEncoding {

    /**
     * {bcrypt} today; the stored prefix lets a later algorithm take over without breaking stored passwords. The cost
     * is {@code ensemble.security.bcrypt-strength} (default 10; tests lower it to keep logins fast).
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${ensemble.security.bcrypt-strength:10}") int strength) {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(strength)));
    }
}
