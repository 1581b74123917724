package org.ensemble.cli;

import java.io.PrintStream;

/** Lets tests in other packages run the command line with their own output streams. */
public final class CommandLineAccess {

    private CommandLineAccess() {
    }

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return CommandLine.execute(args, out, err);
    }
}
