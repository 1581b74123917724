package org.ensemble.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which revisions of one episode may go: those beyond the newest {@code keep}, or (when {@code olderThan} is set) those
 * published longer ago than that. The current revision is never pruned, whatever the policy says.
 *
 * @param keep      how many of the newest revisions stay (0 = no limit by count)
 * @param olderThan revisions published earlier than this before now may go (null = no limit by age)
 */
record RetentionPolicy(int keep, Duration olderThan) {

    RetentionPolicy {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be 0 (no limit) or more, not " + keep);
        }
        if (keep == 0 && olderThan == null) {
            throw new IllegalArgumentException("a retention policy needs a number of revisions to keep or an age");
        }
    }

    record Revision(int number, Instant publishedAt) {
    }

    /** When both a count and an age are given, a revision goes only if both say so. */
    List<Integer> prunable(List<Revision> revisions, Integer current, Instant now) {
        List<Revision> newestFirst = new ArrayList<>(revisions);
        newestFirst.sort(Comparator.comparingInt(Revision::number).reversed());
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            Revision r = newestFirst.get(i);
            if (current != null && r.number() == current) {
                continue;
            }
            boolean beyondCount = keep == 0 || i >= keep;
            boolean oldEnough = olderThan == null || r.publishedAt().isBefore(now.minus(olderThan));
            if (beyondCount && oldEnough) {
                out.add(r.number());
            }
        }
        out.sort(null);
        return out;
    }
}
