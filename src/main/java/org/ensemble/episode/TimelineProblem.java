package org.ensemble.episode;

/**
 * Something wrong with an edited timeline, said so a person can fix it.
 *
 * @param event  the event number as the file gives it, or {@code null} when it concerns the whole timeline
 * @param reason what is wrong and what would be right
 */
public record TimelineProblem(Integer event, String reason) {

    @Override
    public String toString() {
        return event == null ? reason : "event " + event + ": " + reason;
    }
}
