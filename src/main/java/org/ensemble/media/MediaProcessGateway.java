package org.ensemble.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one door through which Ensemble runs external processes (ffmpeg, ffprobe).
 * It logs each command line once, drains both output streams so the process never blocks on a full
 * pipe, enforces a timeout, kills the process tree when the caller gives up, and deletes the
 * command's declared outputs when it did not finish cleanly, so no half-written file survives.
 * <p>
 * No process outlives the JVM that started it: on Linux each one is started through util-linux's {@code setpriv
 * --pdeathsig KILL}, so the kernel kills it the moment the thread that started it (which waits for it) goes away,
 * including when the JVM itself is killed with {@code kill -9}.
 */
@Component
public class MediaProcessGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaProcessGateway.class);
    private static final int STDERR_TAIL_LINES = 80;
    private static final int STDOUT_LIMIT = 64 * 1024 * 1024;

    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    /** What a program needs in its environment (the bundled FFmpeg: its library folder), by its path. */
    private final Map<String, Map<String, String>> environments = new ConcurrentHashMap<>();
    /** What each command is started through so that it dies with this JVM; empty where that is not available. */
    private final List<String> launcher;

    public MediaProcessGateway() {
        this(ParentDeath.launcher());
    }

    MediaProcessGateway(List<String> launcher) {
        this.launcher = List.copyOf(launcher);
    }

    /** Every process of {@code program} is started with these variables added to its environment. */
    public void environment(Path program, Map<String, String> variables) {
        environments.put(program.toString(), Map.copyOf(variables));
    }

    /** The environment a command of {@code program} gets on top of this JVM's (for programs run outside the gateway). */
    public Map<String, String> environmentOf(Path program) {
        return environments.getOrDefault(program.toString(), Map.of());
    }

    /**
     * The work the current thread's processes belong to (a job execution), inherited by the threads it starts
     * (partition workers, render pools), so all of its processes can be stopped together and report progress.
     */
    private static final InheritableThreadLocal<Scope> SCOPE = new InheritableThreadLocal<>();
    private final Map<String, Set<Process>> byOwner = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    /** @param progress receives the progress of every ffmpeg run started in this scope that reports it */
    public record Scope(String owner, Consumer<MediaProgress> progress) {
    }

    /** Processes started by this thread (and threads it starts from now on) belong to {@code owner}. */
    public void enter(String owner, Consumer<MediaProgress> progress) {
        cancelled.remove(owner);
        SCOPE.set(new Scope(owner, progress));
    }

    /** Ends the current thread's scope; a stop request for it is forgotten. */
    public void leave() {
        Scope scope = SCOPE.get();
        SCOPE.remove();
        if (scope != null) {
            cancelled.remove(scope.owner());
            byOwner.remove(scope.owner());
        }
    }

    /**
     * Stops the work of {@code owner}: kills its running processes (their declared outputs are removed) and refuses
     * to start new ones until the scope is left. Returns how many processes were killed.
     */
    public int cancel(String owner) {
        cancelled.add(owner);
        Set<Process> running = byOwner.getOrDefault(owner, Set.of());
        int killed = 0;
        for (Process process : running) {
            if (process.isAlive()) {
                LOG.info("Stopping process {} of {}", process.pid(), owner);
                kill(process);
                killed++;
            }
        }
        return killed;
    }

    /** A progress reader for an ffmpeg run of {@code frames} frames, or null when nobody listens in this thread. */
    public Consumer<String> progressFor(String label, long frames, int frameRate) {
        Scope scope = SCOPE.get();
        return scope == null || scope.progress() == null ? null : new FfmpegProgress(label, frames, frameRate, scope.progress());
    }

    /**
     * Runs {@code work} in a thread of this one's (its processes belong to the same owner, so a stop request reaches
     * them) while {@code other} runs here; returns the work's result once both are done, or the first failure.
     */
    public static <T> T alongside(Supplier<T> work, Runnable other) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(work.get());
            } catch (RuntimeException e) {
                failed.set(e);
            }
        }, "alongside-" + Thread.currentThread().getName());
        thread.start();
        try {
            other.run();
        } finally {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + thread.getName(), e);
            }
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        return result.get();
    }

    public ProcessResult run(ProcessSpec spec) {
        ProcessResult result = runAllowingFailure(spec);
        if (result.exitCode() != 0) {
            deleteOutputs(spec);
            throw new MediaProcessException(spec.label() + " failed with exit code " + result.exitCode(),
                    result.stderrTail());
        }
        return result;
    }

    /** Runs the command and returns its result whatever the exit code; still fails on timeout or interruption. */
    public ProcessResult runAllowingFailure(ProcessSpec spec) {
        LOG.info("[{}] {}", spec.label(), commandLine(spec));
        Scope scope = SCOPE.get();
        String owner = scope == null ? null : scope.owner();
        if (owner != null && cancelled.contains(owner)) {
            throw new ProcessCancelledException(spec.label() + " not started: " + owner + " is stopping");
        }
        long start = System.nanoTime();
        Process process;
        try {
            for (Path output : spec.outputs()) {
                if (output.getParent() != null) {
                    Files.createDirectories(output.getParent());
                }
            }
            Path program = Path.of(spec.command().get(0));
            if (!launcher.isEmpty() && program.getParent() != null && !Files.isExecutable(program)) {
                // started through the launcher, a missing program would only show as the launcher's exit code
                throw new NoSuchFileException(program.toString(), null, "no such executable file");
            }
            List<String> command = new ArrayList<>(launcher);
            command.addAll(spec.command());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environmentOf(program));
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new MediaProcessException(spec.label() + ": cannot start " + spec.command().get(0), e);
        }
        live.add(process);
        if (owner != null) {
            byOwner.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(process);
        }
        Drain stdout = new Drain(process.getInputStream(), spec.progress(), false);
        Drain stderr = new Drain(process.getErrorStream(), null, true);
        Thread outThread = startDaemon(stdout, "proc-out-" + process.pid());
        Thread errThread = startDaemon(stderr, "proc-err-" + process.pid());
        boolean finished = false;
        try {
            finished = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process);
                deleteOutputs(spec);
                throw new MediaProcessException(spec.label() + " timed out after " + spec.timeout().toMillis() / 1000.0 + " s",
                        stderr.tail());
            }
            outThread.join(10_000);
            errThread.join(10_000);
        } catch (InterruptedException e) {
            kill(process);
            deleteOutputs(spec);
            Thread.currentThread().interrupt();
            throw new MediaProcessException(spec.label() + " interrupted", e);
        } finally {
            live.remove(process);
            if (owner != null) {
                byOwner.getOrDefault(owner, Set.of()).remove(process);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        int exit = process.exitValue();
        if (owner != null && cancelled.contains(owner)) {
            deleteOutputs(spec);
            throw new ProcessCancelledException(spec.label() + " stopped: " + owner + " was asked to stop");
        }
        LOG.debug("[{}] exit {} after {} ms", spec.label(), exit, elapsed.toMillis());
        return new ProcessResult(exit, stdout.text(), stderr.tail(), elapsed);
    }

    private static Thread startDaemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteOutputs(ProcessSpec spec) {
        for (Path output : spec.outputs()) {
            try {
                if (Files.deleteIfExists(output)) {
                    LOG.info("[{}] removed partial output {}", spec.label(), output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove partial output " + output, e);
            }
        }
    }

    static String commandLine(ProcessSpec spec) {
        return spec.command().stream()
                .map(arg -> arg.isEmpty() || arg.matches(".*[\\s'\"\\\\;&|()<>$*?\\[\\]].*")
                        ? "'" + arg.replace("'", "'\\''") + "'" : arg)
                .collect(Collectors.joining(" "));
    }

    /** Kills every process still running, e.g. when the application shuts down. */
    @Override
    public void close() {
        live.forEach(MediaProcessGateway::kill);
        live.clear();
    }

    /** Reads one stream to its end: keeps all of stdout (bounded) or the last lines of stderr. */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final Consumer<String> lineListener;
        private final boolean tailOnly;
        private final StringBuilder all = new StringBuilder();
        private final Deque<String> tail = new ArrayDeque<>();

        Drain(InputStream in, Consumer<String> lineListener, boolean tailOnly) {
            this.in = in;
            this.lineListener = lineListener;
            this.tailOnly = tailOnly;
        }

        @Override
        public void run() {
            try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (this) {
                        if (tailOnly) {
                            tail.addLast(line);
                            if (tail.size() > STDERR_TAIL_LINES) {
                                tail.removeFirst();
                            }
                        } else if (all.length() < STDOUT_LIMIT) {
                            all.append(line).append('\n');
                        }
                    }
                    if (lineListener != null) {
                        lineListener.accept(line);
                    }
                }
            } catch (IOException e) {
                // the stream closes when the process is killed; nothing more to read
            }
        }

        synchronized String text() {
            return all.toString();
        }

        synchronized String tail() {
            return String.join("\n", tail);
        }
    }
}
