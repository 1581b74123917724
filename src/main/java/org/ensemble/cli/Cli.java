package org.ensemble.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.ensemble.start.StartFailure;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command-line door: parses the arguments with picocli and runs one command (see {@code help}). Help, version
 * and every usage error are answered here, before Spring starts; the commands start the application they need
 * through {@link ApplicationStarter}. The application class is given by the caller, so this package does not
 * depend on it.
 */
public final class Cli {

    /** Wrong usage: an unknown command or option, a missing or malformed value. */
    static final int USAGE = 2;
    private static final Set<String> HELP_AND_VERSION = Set.of("-h", "--help", "-V", "--version");

    private Cli() {
    }

    /** Whether these arguments are a command (else they are the server's: none, or Spring properties). */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && (!args[0].startsWith("-") || HELP_AND_VERSION.contains(args[0]));
    }

    /** Runs the command and returns its exit code. */
    public static int execute(String[] args, Class<?> application) {
        return execute(args, application, System.out, System.err);
    }

    static int execute(String[] args, Class<?> application, PrintStream out, PrintStream err) {
        SpringArguments arguments = SpringArguments.split(args);
        if (arguments.debug()) {
            StartFailure.traceToConsole();
        }
        ApplicationStarter starter = new ApplicationStarter(application, arguments, out, err);
        return commandLine(starter, out, err).execute(arguments.rest().toArray(String[]::new));
    }

    static CommandLine commandLine(ApplicationStarter starter, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(new EnsembleCommand(), new CommandFactory(starter))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Cli::usageError)
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    throw e;
                });
        line.registerConverter(LocalDate.class, Values::date);
        return line;
    }

    /** A usage error: what is wrong, the nearest right spelling when there is one, where to read more. Exit 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        boolean topLevel = command.getParent() == null;
        if (topLevel && e instanceof UnmatchedArgumentException && args.length > 0 && !args[0].startsWith("-")) {
            err.println("Unknown command '" + args[0] + "'.");
        } else {
            err.println(e.getMessage());
        }
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See: java -jar ensemble.jar help" + (topLevel ? "" : " " + qualifiedName(command)));
        if (topLevel) {
            command.usage(err);
        }
        return USAGE;
    }

    private static String qualifiedName(CommandLine command) {
        List<String> names = new ArrayList<>();
        for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
            names.add(0, c.getCommandName());
        }
        return String.join(" ", names);
    }
}
