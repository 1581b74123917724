package org.ensemble.plan;

import java.util.List;

/** The outcome of checking a plan against a show's rules: the broken rules, none when the plan is good. */
public record PlanCheck(List<RuleViolation> violations) {

    public PlanCheck {
        violations = List.copyOf(violations);
    }

    public boolean ok() {
        return violations.isEmpty();
    }
}
