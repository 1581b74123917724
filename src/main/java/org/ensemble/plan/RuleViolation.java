package org.ensemble.plan;

/**
 * One rule a plan breaks: its name (as in the show file, e.g. {@code runtime}, {@code maxPerCategory}), what the rule
 * asks, what the plan has, and by how much it misses (always positive; frames or a count, as the rule speaks).
 */
public record RuleViolation(String rule, long expected, long actual, long by, String message) {

    @Override
    public String toString() {
        return rule + ": " + message;
    }
}
