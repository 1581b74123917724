package org.ensemble;

import java.util.Arrays;
import java.util.Map;

import org.ensemble.cli.Cli;
import org.ensemble.start.StartFailure;
import org.ensemble.start.StartFailureException;
import org.ensemble.start.StartSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * {@code java -jar ensemble.jar} starts the server (scheduler and HTTP); {@code java -jar ensemble.jar <command> ...}
 * runs one command (see {@code help}) and exits with a code that says how it went. A start that fails for a reason
 * the operator can fix says so in one line and exits with that reason's code ({@link StartFailure}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EnsembleApplication {

    private static final String HOME_PROPERTY = "--ensemble.home=";

    public static void main(String[] args) {
        if (Cli.isCommand(args)) {
            System.exit(Cli.execute(args, EnsembleApplication.class));
        }
        if (Arrays.asList(args).contains("--debug")) {
            StartFailure.traceToConsole();
        }
        StartSettings settings;
        try {
            String home = Arrays.stream(args).filter(a -> a.startsWith(HOME_PROPERTY)).reduce((a, b) -> b)
                    .map(a -> a.substring(HOME_PROPERTY.length())).orElse(null);
            settings = StartSettings.resolve(home, null).useHome().requireUsableHome();
        } catch (StartFailureException e) {
            System.err.println(StartFailure.line(e));
            System.exit(e.exitCode());
            return;
        }
        SpringApplication application = new SpringApplication(EnsembleApplication.class);
        application.setDefaultProperties(Map.of("logging.file.name", settings.logFile().toString()));
        String[] arguments = Arrays.stream(args).map(a -> a.startsWith(HOME_PROPERTY) ? HOME_PROPERTY + settings.home() : a)
                .toArray(String[]::new);
        try {
            application.run(arguments);
        } catch (RuntimeException e) {
            // Spring has reported it (one line when it is a known failure)
            System.exit(StartFailure.exitCode(e));
        }
    }
}
