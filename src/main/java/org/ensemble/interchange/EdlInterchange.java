package org.ensemble.interchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ensemble.episode.Cmx3600;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EditorOverrideRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.ImportedTimeline;
import org.ensemble.episode.Otio;
import org.ensemble.episode.TimelineProblem;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Editors' timeline files: exports a stored EDL revision as CMX 3600 or OpenTimelineIO, imports an edited one back
 * as a new revision once it passes {@link ImportValidation}, and tells each revision's history with what it changed.
 */
@Service
public class EdlInterchange {

    private static final Logger LOG = LoggerFactory.getLogger(EdlInterchange.class);

    private final ShowCatalog shows;
    private final ContributionRepository contributions;
    private final ConformedPieceRepository conformed;
    private final EditDecisionListRepository edls;
    private final EditorOverrideRepository overrides;

    public EdlInterchange(ShowCatalog shows, ContributionRepository contributions, ConformedPieceRepository conformed,
                          EditDecisionListRepository edls, EditorOverrideRepository overrides) {
        this.overrides = overrides;
        this.shows = shows;
        this.contributions = contributions;
        this.conformed = conformed;
        this.edls = edls;
    }

    /** A revision as a file; the newest when {@code revision} is null; empty when there is no such revision. */
    public Optional<String> export(EpisodeKey episode, Integer revision, TimelineFormat format) {
        Optional<EditDecisionList> edl = revision == null ? edls.latest(episode) : edls.find(episode, revision);
        return edl.map(e -> write(e, format));
    }

    public static String write(EditDecisionList edl, TimelineFormat format) {
        return format == TimelineFormat.EDL ? Cmx3600.write(edl) : Otio.write(edl);
    }

    /**
     * The result of an import: the stored revision, or every problem found (then nothing was stored); warnings are
     * the planner's rules the stored timeline breaks where the planner itself would go ahead.
     */
    public record ImportOutcome(Integer revision, List<TimelineProblem> problems, List<String> changes, List<String> warnings) {

        public ImportOutcome(Integer revision, List<TimelineProblem> problems, List<String> changes) {
            this(revision, problems, changes, List.of());
        }

        public boolean accepted() {
            return revision != null;
        }
    }

    /**
     * Reads an edited timeline file and, when it passes every check, stores it as the episode's next EDL revision
     * with {@code createdBy = by} and {@code reason = "imported <file name>: <reason>"}.
     *
     * @param format the file's format, or null to go by the file name's extension
     */
    public ImportOutcome importFile(EpisodeKey episode, String fileName, String content, TimelineFormat format, String by,
                                    String reason) {
        ShowDefinition show = shows.require(episode.showId());
        TimelineFormat f = format != null ? format : TimelineFormat.ofFileName(fileName);
        if (f == null) {
            f = content.stripLeading().startsWith("{") ? TimelineFormat.OTIO : TimelineFormat.EDL;
        }
        Optional<EditDecisionList> latest = edls.latest(episode);
        if (latest.isEmpty()) {
            return new ImportOutcome(null, List.of(new TimelineProblem(null, episode + " has not been planned yet: run the"
                    + " weekly job first, then export, edit and import")), List.of());
        }
        int fps = show.profile().frameRate();
        ImportedTimeline timeline = f == TimelineFormat.EDL ? Cmx3600.read(content, fps) : Otio.read(content, fps);
        EditDecisionListRepository.AiredPieces aired = edls.airedBefore(episode);
        ImportValidation.Result result = ImportValidation.check(show, contributions.findAll(episode),
                conformed.findAll(episode), timeline, c -> aired.contains(c.id(), c.sha256()), overrides.load(episode));
        if (!result.accepted()) {
            LOG.info("Import of {} into {} by {} rejected: {} problems", fileName, episode, by, result.problems().size());
            return new ImportOutcome(null, result.problems(), List.of());
        }
        String who = by == null || by.isBlank() ? "editor" : by.strip();
        String why = "imported " + fileName + (reason == null || reason.isBlank() ? "" : ": " + reason.strip())
                + (result.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ", result.warnings()));
        if (why.length() > 2000) {
            why = why.substring(0, 1997) + "...";
        }
        // the revision number is taken under the table's primary key: a concurrent import fails instead of overwriting
        EditDecisionList edl = new EditDecisionList(episode, edls.nextRevision(episode), fps, latest.get().title(),
                Instant.now(), who, why, result.events());
        edls.add(edl);
        LOG.info("Imported {} into {} as EDL revision {} by {}", fileName, episode, edl.revision(), who);
        return new ImportOutcome(edl.revision(), List.of(), RevisionChanges.between(latest.get(), edl), result.warnings());
    }

    /** One line of the history: who or what made a revision, why, and what it changed against the one before. */
    public record RevisionEntry(int revision, Instant createdAt, String createdBy, String reason, long totalFrames,
                                List<String> changes) {
    }

    public List<RevisionEntry> history(EpisodeKey episode) {
        List<RevisionEntry> entries = new ArrayList<>();
        EditDecisionList previous = null;
        for (EditDecisionListRepository.RevisionSummary s : edls.history(episode)) {
            EditDecisionList edl = edls.find(episode, s.revision()).orElseThrow();
            entries.add(new RevisionEntry(s.revision(), s.createdAt(), s.createdBy(), s.reason(), s.totalFrames(),
                    RevisionChanges.between(previous, edl)));
            previous = edl;
        }
        return entries;
    }
}
