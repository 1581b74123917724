package org.ensemble.segment;

import org.ensemble.start.StartFailure;
import org.ensemble.start.StartFailureException;

/**
 * Java cannot draw text on this machine, so no card, credit or title can be made. On Linux the JDK's font system
 * needs fontconfig even for the fonts Ensemble carries itself; its message says so in one sentence.
 */
public class FontsUnavailableException extends StartFailureException {

    FontsUnavailableException(String message, Throwable cause) {
        super(StartFailure.FONTS, message, cause);
    }
}
