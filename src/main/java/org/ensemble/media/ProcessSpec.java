package org.ensemble.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One external command to run through the {@link MediaProcessGateway}.
 *
 * @param label    what the command does, for logs and errors (e.g. "conform ct-01")
 * @param command  the full command line, program first
 * @param timeout  the process is killed after this long
 * @param outputs  files the command writes; deleted when it fails, times out or is interrupted
 * @param progress receives each line of FFmpeg's {@code -progress pipe:1} output (may be null)
 */
public record ProcessSpec(String label, List<String> command, Duration timeout, List<Path> outputs,
                          Consumer<String> progress) {

    public ProcessSpec {
        command = List.copyOf(command);
        outputs = List.copyOf(outputs);
    }

    public static ProcessSpec of(String label, List<String> command, Duration timeout, Path... outputs) {
        return new ProcessSpec(label, command, timeout, List.of(outputs), null);
    }

    public ProcessSpec withProgress(Consumer<String> listener) {
        return new ProcessSpec(label, command, timeout, outputs, listener);
    }
}
