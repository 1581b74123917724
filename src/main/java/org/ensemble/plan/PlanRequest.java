package org.ensemble.plan;

/**
 * What the plan step is asked to do. The weekly run plans from scratch; an editor's re-render either plans again
 * (with the editors' overrides) or names an EDL revision already stored, e.g. one imported from an edit suite.
 *
 * @param edlRevision the stored revision to render as it is, or {@code null} to plan
 * @param requestedBy who asked ("planner" for the weekly run); recorded with a new revision
 * @param reason      why, in the requester's words; recorded with a new revision
 */
record PlanRequest(Integer edlRevision, String requestedBy, String reason) {
}
