package org.ensemble.plan;

import java.util.List;

/**
 * A planned episode: the pieces between intro and outro, in order, each with its length.
 *
 * @param score         the plan's value (the sum of its pieces' scores; see {@link EpisodePlanner})
 * @param upperBound    no plan of these inputs can score more than this (a relaxation's value)
 * @param provedOptimal whether the search proved that no plan meeting the rules scores more
 * @param violations    the rules this plan breaks, empty when it meets them all; a plan with violations is the
 *                      closest the planner found
 * @param leftOut       the candidates not in the plan, each with why
 */
public record Plan(List<Placement> placements, long score, long upperBound, boolean provedOptimal,
                   List<RuleViolation> violations, List<String> leftOut) {

    /** A piece in the plan: {@code frames} long, starting {@code trimIn} frames into its usable source. */
    public record Placement(Candidate candidate, long trimIn, long frames) {
    }

    public Plan {
        placements = List.copyOf(placements);
        violations = List.copyOf(violations);
        leftOut = List.copyOf(leftOut);
    }

    public boolean ok() {
        return violations.isEmpty();
    }

    public long frames() {
        return placements.stream().mapToLong(Placement::frames).sum();
    }

    public List<PlannedPiece> pieces() {
        return placements.stream().map(p -> new PlannedPiece(p.candidate().id(), p.frames(), p.trimIn())).toList();
    }

    /** How far below the upper bound the plan scores, in per mille of the bound (0 = provably optimal). */
    public long gapPerMille() {
        return upperBound <= 0 ? 0 : Math.max(0, (upperBound - score) * 1000 / upperBound);
    }
}
