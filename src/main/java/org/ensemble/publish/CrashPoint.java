package org.ensemble.publish;

/**
 * Named places in publishing where a test can kill the process on the spot ({@code Runtime.halt}, no shutdown hooks,
 * no finally blocks), to prove that a reader never sees a half-written package. Off unless the system property
 * {@code ensemble.publish.crash-at} names the place; {@code ensemble.publish.crash-trace=true} prints each place
 * reached as {@code CRASHPOINT <name>}.
 */
final class CrashPoint {

    static final String PROPERTY = "ensemble.publish.crash-at";
    static final String TRACE = "ensemble.publish.crash-trace";
    static final int EXIT_CODE = 86;

    private CrashPoint() {
    }

    static void reach(String name) {
        if (Boolean.getBoolean(TRACE)) {
            System.out.println("CRASHPOINT " + name);
            System.out.flush();
        }
        if (name.equals(System.getProperty(PROPERTY))) {
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
