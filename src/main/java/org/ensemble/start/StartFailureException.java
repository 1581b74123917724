package org.ensemble.start;

import org.springframework.boot.ExitCodeGenerator;

/**
 * A start that cannot go on for a reason the operator can fix. The message is the one line to show; the cause, if
 * any, is for the log. As an {@link ExitCodeGenerator} it gives Spring Boot its kind's exit code.
 */
public class StartFailureException extends IllegalStateException implements ExitCodeGenerator {

    private final StartFailure kind;

    public StartFailureException(StartFailure kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public StartFailure kind() {
        return kind;
    }

    @Override
    public int getExitCode() {
        return kind.exitCode();
    }
}
