package org.ensemble.plan;

/** The rules cannot be met: says which rule fails and by how much. */
public class PlanningException extends RuntimeException {
    public PlanningException(String message) {
        super(message);
    }
}
