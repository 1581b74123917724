package org.ensemble.media;

/**
 * A process was killed (or not started) because the work it belonged to was asked to stop. Not a fault of the
 * media: callers that reject a piece on a {@link MediaProcessException} must let this one through.
 */
public class ProcessCancelledException extends MediaProcessException {

    public ProcessCancelledException(String message) {
        super(message, "");
    }
}
