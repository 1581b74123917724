package org.ensemble.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem JSON for the API's 401 and 403: a short reason, never a stack trace. */
@Component
class ProblemResponses {

    private final JsonMapper json = JsonMapper.builder().build();

    void write(HttpServletRequest request, HttpServletResponse response, int status, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            // a Bearer challenge, not Basic: browsers then never prompt for (and never cache) Basic credentials
            // for the API, which is what keeps the CSRF-free API safe from cross-site requests
            response.setHeader("WWW-Authenticate", "Bearer realm=\"ensemble\"");
        }
        response.setContentType("application/problem+json");
        response.getWriter().write(json.writeValueAsString(body));
    }
}
