package org.ensemble.start;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Spring Boot's analysis of a failed start, for {@link StartFailure}s: the line is the description; there is no
 * separate action, the line says what to do. Ahead of Boot's own analyzers (which know the port too, in more words).
 */
class StartFailureAnalyzer implements FailureAnalyzer, Ordered {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        return StartFailure.find(failure).map(found -> new FailureAnalysis(found.line(), "", failure)).orElse(null);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
