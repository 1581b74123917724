package org.ensemble.media;

/**
 * FFmpeg cannot be used here: none was found, the bundled one cannot start on this machine, or the one found lacks
 * what Ensemble needs. Its message is one sentence for the operator (what is wrong and what to do); the cause, if
 * any, is for the log.
 */
public class MediaToolsUnavailableException extends IllegalStateException {

    public MediaToolsUnavailableException(String message) {
        super(message);
    }

    public MediaToolsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
