package org.ensemble.schedule;

/** How a request to run an episode ended, with the process exit code the CLI returns for it. */
public record RunOutcome(Kind kind, String message) {

    public enum Kind {
        PUBLISHED(0), FAILED(1), ALREADY_PUBLISHED(3), ALREADY_RUNNING(4);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }
}
