package org.ensemble.start;

import java.io.PrintStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports an analysed start failure as one line on standard error, in place of Boot's framed report (whose logger is
 * off in {@code application.yml}). The trace goes to the log file only, or also to standard error with {@code --debug}.
 */
class OneLineFailureReporter implements FailureAnalysisReporter {

    /** Set by the launchers when {@code --debug} is given. */
    static final String DEBUG = "ensemble.debug";
    static final String PREFIX = "Ensemble cannot start: ";
    private static final Logger LOG = LoggerFactory.getLogger(OneLineFailureReporter.class);

    @Override
    public void report(FailureAnalysis analysis) {
        print(oneLine(analysis), analysis.getCause(), System.err);
    }

    static void print(String line, Throwable cause, PrintStream err) {
        err.println(line);
        if (Boolean.getBoolean(DEBUG)) {
            cause.printStackTrace(err);
        }
        LogFileOnly.route(LOG);
        LOG.error(line, cause);
    }

    static String oneLine(FailureAnalysis analysis) {
        String action = analysis.getAction() == null ? "" : analysis.getAction().strip();
        String text = analysis.getDescription().strip() + (action.isEmpty() ? "" : " " + action);
        return PREFIX + text.replaceAll("\\s*\\R\\s*", " ");
    }
}
