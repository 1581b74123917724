package org.ensemble.media;

import java.time.Duration;

/** What an external process left behind: its exit code, its whole standard output and the tail of its error output. */
public record ProcessResult(int exitCode, String stdout, String stderrTail, Duration elapsed) {
}
