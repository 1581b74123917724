package org.ensemble.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.segment.SegmentSpecs;
import org.ensemble.segment.TextCard;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The episode's captions: each piece's own caption file moved to where the piece plays and cut to its span, a
 * writing piece's words card by card (cues change where the cards do), and the intro's and credits' words; all
 * within the caption norms (a contributor's cue that breaks them is split within its own time).
 */
final class EpisodeCaptions {

    private static final Logger LOG = LoggerFactory.getLogger(EpisodeCaptions.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final EpisodeKey episode;
    private final ShowDefinition show;
    private final Path inbox;
    private final ContributionRepository contributions;
    private final CueSplitter cueSplitter;

    EpisodeCaptions(EpisodeKey episode, ShowDefinition show, Path inbox, ContributionRepository contributions, CaptionNorms norms) {
        this.episode = episode;
        this.show = show;
        this.inbox = inbox;
        this.contributions = contributions;
        this.cueSplitter = new CueSplitter(norms);
    }

    List<Captions.Cue> of(EditDecisionList edl) {
        int fps = edl.frameRate();
        List<Captions.Cue> cues = new ArrayList<>();
        for (EditDecisionList.Event e : edl.events()) {
            switch (e.kind()) {
                case INTRO -> cues.addAll(inFrames(show.title() + "\n" + episode.airDate().format(DATE), e.recordIn(), e.recordOut(), fps));
                case OUTRO -> cues.addAll(inFrames("With thanks to " + String.join(", ", edl.contributors()), e.recordIn(), e.recordOut(), fps));
                case PIECE -> {
                    Contribution c = contributions.find(episode, e.pieceId()).orElse(null);
                    if (c == null) {
                        continue;
                    }
                    try {
                        if (c.caption() != null) {
                            List<Captions.Cue> own = Captions.parse(Files.readString(inbox.resolve(c.caption()), StandardCharsets.UTF_8));
                            List<Captions.Cue> placed = new ArrayList<>();
                            for (Captions.Cue cue : Captions.place(own, Chapters.ms(e.sourceIn(), fps), Chapters.ms(e.sourceOut(), fps),
                                    Chapters.ms(e.recordIn(), fps))) {
                                placed.addAll(withinNorms(cue));
                            }
                            cues.addAll(cueSplitter.hold(placed, Chapters.ms(e.recordIn(), fps), Chapters.ms(e.recordOut(), fps)));
                        } else if (c.kind() == MediaKind.TEXT) {
                            List<TextCard> cards = SegmentSpecs.textCards(SegmentSpecs.forContribution(c, inbox, null, e.frames()), show.profile());
                            cues.addAll(inMillis(cueSplitter.cards(cards, e.recordIn(), fps), fps));
                        }
                    } catch (IOException | RuntimeException ex) {
                        // captions help, but a broken caption file must not stop the week's episode
                        LOG.warn("Captions of {} in {} left out: {}", c.id(), episode, ex.toString());
                    }
                }
            }
        }
        return Captions.sequence(cues);
    }

    /** Text on screen from frame {@code in} to {@code out} as cues within the norms, in milliseconds at this edge. */
    private List<Captions.Cue> inFrames(String text, long in, long out, int fps) {
        return inMillis(cueSplitter.split(text, in, out, fps), fps);
    }

    private static List<Captions.Cue> inMillis(List<CueSplitter.Timed> timed, int fps) {
        return timed.stream().map(t -> new Captions.Cue(Chapters.ms(t.start(), fps), Chapters.ms(t.end(), fps), t.text())).toList();
    }

    /** A contributor's cue as it is when it meets the norms, else split within its own time. */
    private List<Captions.Cue> withinNorms(Captions.Cue cue) {
        if (cueSplitter.fits(cue.text(), cue.endMs() - cue.startMs(), 1000)) {
            return List.of(cue);
        }
        return cueSplitter.split(cue.text(), cue.startMs(), cue.endMs(), 1000).stream()
                .map(t -> new Captions.Cue(t.start(), t.end(), t.text())).toList();
    }
}
