package org.ensemble.media;

import org.ensemble.start.StartFailure;
import org.ensemble.start.StartFailureException;

/**
 * FFmpeg cannot be used here: none was found, the bundled one cannot start on this machine, or the one found lacks
 * what Ensemble needs. Its message is one sentence for the operator (what is wrong and what to do); the cause, if
 * any, is for the log.
 */
public class MediaToolsUnavailableException extends StartFailureException {

    public MediaToolsUnavailableException(String message) {
        super(StartFailure.MEDIA_TOOLS, message, null);
    }

    public MediaToolsUnavailableException(String message, Throwable cause) {
        super(StartFailure.MEDIA_TOOLS, message, cause);
    }
}
