package org.ensemble.episode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The overrides table and the aired-before query, on the real migrations in an in-memory H2 database. */
class EditorOverrideRepositoryTest {

    static final EpisodeKey WEEK1 = new EpisodeKey("create-together", LocalDate.of(2026, 11, 23));
    static final EpisodeKey WEEK2 = new EpisodeKey("create-together", LocalDate.of(2026, 11, 30));

    JdbcClient jdbc;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        jdbc = JdbcClient.create(h2);
    }

    @Test
    void savesAndLoadsEveryKindOfOverride() {
        // given
        EditorOverrideRepository repository = new EditorOverrideRepository(jdbc);
        EditorOverrides overrides = EditorOverrides.NONE.withPinned("a").withExcluded("b").withOrder("c", "a", "d")
                .withTrim("c", 15, 300).withReplacement("e", "f").withPriority("d", 2);

        // when
        repository.save(WEEK2, overrides);

        // then
        assertThat(repository.load(WEEK2)).isEqualTo(overrides);
        assertThat(repository.load(WEEK1)).isEqualTo(EditorOverrides.NONE);
        // saving again replaces, it does not add
        repository.save(WEEK2, EditorOverrides.NONE.withExcluded("a"));
        assertThat(repository.load(WEEK2)).isEqualTo(EditorOverrides.NONE.withExcluded("a"));
    }

    @Test
    void airedBeforeIsWhatEarlierPublishedEpisodesShowedByIdAndContent() {
        // given: week 1 planned two EDL revisions; only revision 2 (with p1 and p2) was published
        ContributionRepository contributions = new ContributionRepository(jdbc);
        EditDecisionListRepository edls = new EditDecisionListRepository(jdbc);
        PublicationRepository publications = new PublicationRepository(jdbc);
        contributions.save(contribution(WEEK1, "p1", "aaa"));
        contributions.save(contribution(WEEK1, "p2", "bbb"));
        contributions.save(contribution(WEEK1, "p3", "ccc"));
        edls.add(edl(WEEK1, 1, "p3"));
        edls.add(edl(WEEK1, 2, "p1", "p2"));
        publications.reserve(WEEK1, 1, 7, 2, "outbox/r1");
        publications.markPublished(WEEK1, 1);
        // week 2 is planned but not published: it does not count for itself
        edls.add(edl(WEEK2, 1, "q1"));
        publications.reserve(WEEK2, 1, 8, 1, "outbox/r1");

        // when
        EditDecisionListRepository.AiredPieces aired = edls.airedBefore(WEEK2);

        // then
        assertThat(aired.ids()).containsExactlyInAnyOrder("p1", "p2");
        assertThat(aired.sha256s()).containsExactlyInAnyOrder("aaa", "bbb");
        assertThat(aired.contains("new-id", "bbb")).as("the same file sent again under a new id").isTrue();
        assertThat(aired.contains("p3", "ccc")).as("only in an unpublished revision").isFalse();
        assertThat(edls.airedBefore(WEEK1).ids()).isEmpty();
    }

    static Contribution contribution(EpisodeKey week, String id, String sha256) {
        return new Contribution(week, id, 1, "Ann", "Porto", Category.TALKING_LIFE, "Hello", id + ".mp4", null,
                Instant.parse("2026-11-20T10:00:00Z"), 0, 0, sha256, 10, "video/mp4", MediaKind.VIDEO, 300, 320, 180, "1",
                0, Contribution.Status.ACCEPTED, null);
    }

    static EditDecisionList edl(EpisodeKey week, int revision, String... pieces) {
        List<EditDecisionList.Event> events = new java.util.ArrayList<>();
        long at = 0;
        for (int i = 0; i < pieces.length; i++) {
            events.add(new EditDecisionList.Event(i + 1, EditDecisionList.EventKind.PIECE, pieces[i], "talking-life", "Ann",
                    null, "Hello", pieces[i] + ".mp4", 0, at, 300));
            at += 300;
        }
        return new EditDecisionList(week, revision, 30, "Episode", Instant.parse("2026-11-21T02:00:00Z"), "planner", "test", events);
    }
}
