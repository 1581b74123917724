package org.ensemble.cli;

import java.io.PrintStream;

import org.ensemble.schedule.ProgressBoard;

/**
 * A one-line progress bar for long work in this process, drawn from the {@link ProgressBoard} twice a second. Only
 * when a person watches a terminal ({@code System.console() != null}); in scripts and logs it draws nothing.
 */
final class ProgressLine implements AutoCloseable {

    private final Thread thread;
    private final PrintStream to;

    private ProgressLine(Thread thread, PrintStream to) {
        this.thread = thread;
        this.to = to;
    }

    static ProgressLine start(ProgressBoard board, PrintStream to) {
        if (System.console() == null) {
            return new ProgressLine(null, to);
        }
        Thread thread = new Thread(() -> {
            String last = "";
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(500);
                    var running = board.running();
                    if (running.isEmpty()) {
                        continue;
                    }
                    var progress = board.progress(running.get(0));
                    if (progress.isPresent()) {
                        String line = ProgressBoard.bar(progress.get(), 30);
                        // pad over the previous, longer line
                        to.print("\r" + line + " ".repeat(Math.max(0, last.length() - line.length())));
                        to.flush();
                        last = line;
                    }
                }
            } catch (InterruptedException e) {
                // the work ended
            } catch (RuntimeException e) {
                // a progress bar never stops the work it shows
            }
            if (!last.isEmpty()) {
                to.print("\r" + " ".repeat(last.length()) + "\r");
                to.flush();
            }
        }, "progress-line");
        thread.setDaemon(true);
        thread.start();
        return new ProgressLine(thread, to);
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
