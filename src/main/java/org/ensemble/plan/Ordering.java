package org.ensemble.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.ensemble.episode.Category;
import org.ensemble.show.PlanningRules;

/**
 * Orders chosen pieces under the pacing rules (no two pieces of a "not back to back" category in a row, the first
 * of an openWith category, the last of a closeWith category) and the editors' forced order.
 * <p>
 * A depth-first search over categories: free pieces of one category are interchangeable for the rules, and so are
 * all pieces of categories that may follow themselves, so a state is small (see {@link #state}) and states that
 * failed once are remembered. That makes the search exact (it finds an order whenever one exists) and cheap: at
 * most (R+1) x (F+1) x (n+1) x prod over the R repeat-restricted categories of (n_c+1) states. Ties go to the stronger piece (score, then id): the strongest possible opener and closer are chosen.
 */
final class Ordering {

    static final Comparator<Pool.Item> STRONGEST = Comparator.comparingLong((Pool.Item i) -> -i.score)
            .thenComparing(Pool.Item::id);

    private static final int CATEGORIES = Category.values().length;

    private final boolean[] restricted = new boolean[CATEGORIES];
    private final boolean[] opens = new boolean[CATEGORIES];
    private final boolean[] closes = new boolean[CATEGORIES];
    private final boolean anyOpener;
    private final boolean anyCloser;

    private List<Pool.Item> forced;
    private List<List<Pool.Item>> free;
    private int[] used;
    private Pool.Item[] sequence;
    private Pool.Item closer;
    private final Set<String> failed = new HashSet<>();

    private Ordering(PlanningRules rules, boolean pacing) {
        for (Category c : Category.values()) {
            restricted[c.ordinal()] = pacing && rules.notBackToBack().contains(c.slug());
            opens[c.ordinal()] = rules.openWith().contains(c.slug());
            closes[c.ordinal()] = rules.closeWith().contains(c.slug());
        }
        anyOpener = !pacing || rules.openWith().isEmpty();
        anyCloser = !pacing || rules.closeWith().isEmpty();
    }

    /** An order of {@code chosen} that meets the pacing rules and the forced order, or null when there is none. */
    static List<Pool.Item> order(List<Pool.Item> chosen, List<String> forcedOrder, PlanningRules rules) {
        return new Ordering(rules, true).find(chosen, forcedOrder);
    }

    /** An order that keeps the editors' forced order and puts stronger pieces first, ignoring pacing (never null). */
    static List<Pool.Item> anyOrder(List<Pool.Item> chosen, List<String> forcedOrder, PlanningRules rules) {
        return new Ordering(rules, false).find(chosen, forcedOrder);
    }

    private List<Pool.Item> find(List<Pool.Item> chosen, List<String> forcedOrder) {
        if (chosen.isEmpty()) {
            return List.of();
        }
        List<Pool.Item> allForced = new ArrayList<>();
        for (String id : forcedOrder) {
            chosen.stream().filter(i -> i.id().equals(id)).findFirst().ifPresent(allForced::add);
        }
        List<Pool.Item> closers = new ArrayList<>();
        if (anyCloser) {
            closers.add(null);
        } else {
            if (!allForced.isEmpty() && closes[allForced.get(allForced.size() - 1).category]) {
                closers.add(allForced.get(allForced.size() - 1));
            }
            for (int c = 0; c < CATEGORIES; c++) {
                if (closes[c]) {
                    final int cat = c;
                    chosen.stream().filter(i -> i.category == cat && !allForced.contains(i)).min(STRONGEST)
                            .ifPresent(closers::add);
                }
            }
            closers.sort(STRONGEST);
        }
        for (Pool.Item last : closers) {
            closer = last;
            forced = new ArrayList<>(allForced);
            if (last != null && forced.contains(last)) {
                forced.remove(last);
            }
            free = new ArrayList<>();
            for (int c = 0; c < CATEGORIES; c++) {
                free.add(new ArrayList<>());
            }
            for (Pool.Item i : chosen) {
                if (i != last && !allForced.contains(i)) {
                    free.get(i.category).add(i);
                }
            }
            free.forEach(list -> list.sort(STRONGEST));
            used = new int[CATEGORIES];
            int places = chosen.size() - (last == null ? 0 : 1);
            sequence = new Pool.Item[places];
            failed.clear();
            if (places == 0) {
                if (anyOpener || opens[last.category]) {
                    return List.of(last);
                }
                continue;
            }
            if (search(0, -1, 0)) {
                List<Pool.Item> result = new ArrayList<>(Arrays.asList(sequence));
                if (last != null) {
                    result.add(last);
                }
                return result;
            }
        }
        return null;
    }

    /**
     * What decides whether the rest can still be ordered: the previous piece's category if it is one that may not
     * repeat, the forced pieces placed, and how many pieces are left of each such category and of all others
     * together (pieces of the others can follow anything, so which of them are left does not matter).
     */
    private String state(int previous, int forcedPlaced) {
        StringBuilder key = new StringBuilder();
        key.append(previous >= 0 && restricted[previous] ? previous : -1).append('/').append(forcedPlaced);
        int others = 0;
        for (int c = 0; c < CATEGORIES; c++) {
            if (restricted[c]) {
                key.append('/').append(used[c]);
            } else {
                others += used[c];
            }
        }
        return key.append('/').append(others).toString();
    }

    private boolean search(int position, int previous, int forcedPlaced) {
        if (position == sequence.length) {
            return closer == null || !(restricted[closer.category] && previous == closer.category);
        }
        String state = state(previous, forcedPlaced);
        if (failed.contains(state)) {
            return false;
        }
        List<Pool.Item> options = new ArrayList<>(CATEGORIES + 1);
        if (forcedPlaced < forced.size()) {
            options.add(forced.get(forcedPlaced));
        }
        for (int c = 0; c < CATEGORIES; c++) {
            if (used[c] < free.get(c).size()) {
                options.add(free.get(c).get(used[c]));
            }
        }
        options.sort(STRONGEST);
        for (Pool.Item option : options) {
            int c = option.category;
            if ((position == 0 && !anyOpener && !opens[c]) || (restricted[c] && previous == c)) {
                continue;
            }
            boolean isForced = forcedPlaced < forced.size() && option == forced.get(forcedPlaced);
            sequence[position] = option;
            if (isForced) {
                if (search(position + 1, c, forcedPlaced + 1)) {
                    return true;
                }
            } else {
                used[c]++;
                boolean found = search(position + 1, c, forcedPlaced);
                used[c]--;
                if (found) {
                    return true;
                }
            }
        }
        failed.add(state);
        return false;
    }
}
