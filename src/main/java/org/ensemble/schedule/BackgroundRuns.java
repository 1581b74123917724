package org.ensemble.schedule;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs episode work asked for over HTTP (run now, re-render) off the request thread. Each request gets its own
 * thread: the episode's file lock, not this pool, decides what may run at the same time.
 */
@Component
public class BackgroundRuns {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRuns.class);
    private final AtomicInteger counter = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "episode-run-" + counter.incrementAndGet());
        t.setDaemon(false);
        return t;
    });

    public CompletableFuture<RunOutcome> submit(String what, Supplier<RunOutcome> work) {
        return CompletableFuture.supplyAsync(() -> {
            RunOutcome outcome = work.get();
            LOG.info("{}: {}", what, outcome.message().lines().findFirst().orElse(""));
            return outcome;
        }, threads);
    }

    @PreDestroy
    void stop() {
        threads.shutdown();
    }
}
