package org.ensemble.start;

/**
 * A start that cannot go on for a reason the operator can fix. The message is the one line to show; the cause, if
 * any, is for the log. (Not a Spring Boot {@code ExitCodeGenerator}: on a failed refresh Boot would publish its
 * exit code event into the closed context and log that failure's trace; {@link StartFailure#exitCode} gives the code.)
 */
public class StartFailureException extends IllegalStateException {

    private final StartFailure kind;

    public StartFailureException(StartFailure kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public StartFailure kind() {
        return kind;
    }

    public int exitCode() {
        return kind.exitCode();
    }
}
