package org.ensemble;

import java.nio.file.Path;

import org.ensemble.cli.CommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * {@code java -jar ensemble.jar} starts the server (scheduler and HTTP); {@code java -jar ensemble.jar <command> ...}
 * runs one command (see {@code help}) and exits with a code that says how it went.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EnsembleApplication {

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            System.exit(CommandLine.execute(args));
        }
        useAbsoluteHome(null);
        SpringApplication.run(EnsembleApplication.class, args);
    }

    /**
     * Fixes {@code ensemble.home} as an absolute path before Spring starts (H2 wants absolute file URLs). Order:
     * the given value, the system property, the ENSEMBLE_HOME variable, then {@code ./var}.
     */
    public static Path useAbsoluteHome(String given) {
        String home = given != null ? given : System.getProperty("ensemble.home", System.getenv().getOrDefault("ENSEMBLE_HOME", "var"));
        Path absolute = Path.of(home).toAbsolutePath().normalize();
        System.setProperty("ensemble.home", absolute.toString());
        return absolute;
    }
}
