package org.ensemble.start;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a logger's events to the log file alone (Spring Boot's {@code FILE} appender), not to the console. */
final class LogFileOnly {

    private LogFileOnly() {
    }

    static void route(Logger logger) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            ch.qos.logback.classic.Logger target = context.getLogger(logger.getName());
            target.setAdditive(false);
            var file = root.getAppender("FILE");
            if (file != null && target.getAppender("FILE") == null) {
                target.addAppender(file);
            }
        }
    }
}
