package org.ensemble.episode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Editors' overrides of an episode's plan (table editor_override): saved as a whole, read as a whole. */
@Repository
public class EditorOverrideRepository {

    private final JdbcClient jdbc;

    public EditorOverrideRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the episode's overrides with {@code overrides}. */
    @Transactional
    public void save(EpisodeKey episode, EditorOverrides overrides) {
        jdbc.sql("DELETE FROM editor_override WHERE show_id = ? AND air_date = ?")
                .params(episode.showId(), episode.airDate()).update();
        overrides.pinned().forEach(id -> insert(episode, "PIN", id, 0, null, 0, 0, 0));
        overrides.excluded().forEach(id -> insert(episode, "EXCLUDE", id, 0, null, 0, 0, 0));
        for (int i = 0; i < overrides.order().size(); i++) {
            insert(episode, "ORDER", overrides.order().get(i), i + 1, null, 0, 0, 0);
        }
        overrides.trims().forEach((id, t) -> insert(episode, "TRIM", id, 0, null, t.in(), t.out(), 0));
        overrides.replacements().forEach((id, by) -> insert(episode, "REPLACE", id, 0, by, 0, 0, 0));
        overrides.priorities().forEach((id, p) -> insert(episode, "PRIORITY", id, 0, null, 0, 0, p));
    }

    public EditorOverrides load(EpisodeKey episode) {
        Set<String> pinned = new HashSet<>();
        Set<String> excluded = new HashSet<>();
        Map<Integer, String> order = new TreeMap<>();
        Map<String, EditorOverrides.Trim> trims = new HashMap<>();
        Map<String, String> replacements = new HashMap<>();
        Map<String, Integer> priorities = new HashMap<>();
        jdbc.sql("SELECT * FROM editor_override WHERE show_id = ? AND air_date = ? ORDER BY kind, position, piece_id")
                .params(episode.showId(), episode.airDate()).query(rs -> {
                    String id = rs.getString("piece_id");
                    switch (rs.getString("kind")) {
                        case "PIN" -> pinned.add(id);
                        case "EXCLUDE" -> excluded.add(id);
                        case "ORDER" -> order.put(rs.getInt("position"), id);
                        case "TRIM" -> trims.put(id, new EditorOverrides.Trim(rs.getLong("trim_in"), rs.getLong("trim_out")));
                        case "REPLACE" -> replacements.put(id, rs.getString("other_id"));
                        case "PRIORITY" -> priorities.put(id, rs.getInt("priority"));
                        default -> throw new IllegalStateException("Unknown editor override kind " + rs.getString("kind")
                                + " for " + id + " in " + episode);
                    }
                });
        return new EditorOverrides(pinned, excluded, new ArrayList<>(order.values()), trims, replacements, priorities);
    }

    private void insert(EpisodeKey episode, String kind, String id, int position, String other, long in, long out, int priority) {
        jdbc.sql("""
                INSERT INTO editor_override (show_id, air_date, kind, piece_id, position, other_id, trim_in, trim_out, priority)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(episode.showId(), episode.airDate(), kind, id, position, other, in, out, priority).update();
    }
}
