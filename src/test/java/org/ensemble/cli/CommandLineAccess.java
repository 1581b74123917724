package org.ensemble.cli;

import java.io.PrintStream;

import org.ensemble.EnsembleApplication;

/** Lets tests in other packages run the command line with their own output streams. */
public final class CommandLineAccess {

    private CommandLineAccess() {
    }

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return Cli.execute(args, EnsembleApplication.class, out, err);
    }

    public static int execute(String... args) {
        return execute(args, System.out, System.err);
    }
}
