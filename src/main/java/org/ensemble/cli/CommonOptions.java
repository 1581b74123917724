package org.ensemble.cli;

import picocli.CommandLine.Option;

/** The options every command that opens the application takes. */
final class CommonOptions {

    @Option(names = "--home", paramLabel = "<dir>",
            description = "Ensemble's home folder: database, inbox, cache, work, outbox, logs (default ./var, or ENSEMBLE_HOME)")
    String home;

    @Option(names = "--jobs", paramLabel = "<dir>", description = "the folder of show definitions (default ./jobs)")
    String jobs;

    @Option(names = "--debug", description = "print the trace of a failed start on the console too (it is always in <home>/logs/ensemble.log)")
    boolean debug;
}
