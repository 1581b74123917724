package org.ensemble.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The command's arguments apart from the Spring properties given with them ({@code --ensemble.parallelism=1},
 * {@code --spring.profiles.active postgres}: a name with a dot), which go to the application as they are. Anything
 * else is the parser's, so a misspelt option is an error rather than a property nobody reads.
 *
 * @param rest       what picocli parses
 * @param properties the Spring properties, each as {@code --name=value}
 * @param debug      {@code --debug} was given: a start failure's trace goes to the console too
 */
record SpringArguments(List<String> rest, List<String> properties, boolean debug) {

    static SpringArguments split(String[] args) {
        List<String> rest = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        boolean debug = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2, arg.contains("=") ? arg.indexOf('=') : arg.length()) : "";
            if (name.contains(".")) {
                if (arg.contains("=") || i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    properties.add(arg.contains("=") ? arg : arg + "=true");
                } else {
                    properties.add(arg + "=" + args[++i]);
                }
            } else {
                debug |= arg.equals("--debug");
                rest.add(arg);
            }
        }
        return new SpringArguments(List.copyOf(rest), List.copyOf(properties), debug);
    }

    /** The value of a Spring property given here, e.g. {@code ensemble.home}, or null. */
    String property(String name) {
        String prefix = "--" + name + "=";
        String value = null;
        for (String p : properties) {
            if (p.startsWith(prefix)) {
                value = p.substring(prefix.length());
            }
        }
        return value;
    }
}
