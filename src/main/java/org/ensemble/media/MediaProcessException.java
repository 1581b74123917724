package org.ensemble.media;

import java.util.Arrays;

/** An external media process failed, timed out or could not start. Carries the tail of its error output. */
public class MediaProcessException extends RuntimeException {

    private final String errorTail;

    public MediaProcessException(String message, String errorTail) {
        super(errorTail == null || errorTail.isBlank() ? message : message + ": " + lastLines(errorTail, 6));
        this.errorTail = errorTail;
    }

    public MediaProcessException(String message, Throwable cause) {
        super(message, cause);
        this.errorTail = "";
    }

    public String errorTail() {
        return errorTail;
    }

    static String lastLines(String text, int count) {
        String[] lines = text.strip().split("\\R");
        int from = Math.max(0, lines.length - count);
        return String.join(" | ", Arrays.copyOfRange(lines, from, lines.length));
    }
}
