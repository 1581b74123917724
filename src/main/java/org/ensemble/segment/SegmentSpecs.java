package org.ensemble.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.tika.mime.MediaType;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.MediaKind;
import org.ensemble.episode.WritingText;
import org.ensemble.media.HouseProfile;
import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.show.PlanningRules;

/** How a contribution, a title or the credits become a {@link SegmentSpec}: the one recipe conform and render share. */
public final class SegmentSpecs {

    private SegmentSpecs() {
    }

    /** The length a piece is conformed at before planning: its usable length (capped), or the middle of an elastic range. */
    public static long defaultFrames(Contribution c, PlanningRules rules, int fps) {
        return switch (c.kind()) {
            case VIDEO, AUDIO -> Math.min(c.frames(), rules.pieceMaxFrames());
            case STILL -> (rules.stillMinFrames() + rules.stillMaxFrames()) / 2;
            case TEXT -> rules.shortestWriting(c.words(), fps);
        };
    }

    public static SegmentSpec forContribution(Contribution c, Path inbox, LoudnessMeasurement measured, long frames) {
        return forContribution(c, inbox, measured, frames, null);
    }

    /**
     * The spec of a contribution's segment; {@code bed} (the show's, as {@link Beds} sets it for this piece, or null)
     * plays under it when it has no sound of its own: a photo, writing, or a film or recording whose sound is silent.
     */
    public static SegmentSpec forContribution(Contribution c, Path inbox, LoudnessMeasurement measured, long frames, BedSound bed) {
        Path source = inbox.resolve(c.file());
        Credit credit = new Credit(c.contributor(), c.location(), c.title(), c.category().label());
        SegmentSpec.Kind kind = switch (c.kind()) {
            case VIDEO -> SegmentSpec.Kind.FOOTAGE;
            case AUDIO -> SegmentSpec.Kind.SOUND;
            case STILL -> SegmentSpec.Kind.STILL;
            case TEXT -> SegmentSpec.Kind.TEXT;
        };
        List<String> lines = List.of();
        if (c.kind() == MediaKind.TEXT) {
            try {
                lines = withoutRepeatedTitle(WritingText.read(source,
                        c.detectedType() == null ? null : MediaType.parse(c.detectedType())).paragraphs(), c.title());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the writing of " + c.id(), e);
            }
        }
        String audio = c.audioStream() == null ? null : "0:" + c.audioStream();
        boolean soundless = audio == null || measured != null && measured.isSilent();
        return new SegmentSpec(c.id(), kind, source, c.sha256(), c.trimIn(), frames,
                audio == null ? null : c.audioStream(), measured, credit, lines, c.width(), c.height(), soundless ? bed : null);
    }

    public static SegmentSpec title(String showTitle, String subtitle, String line, long frames) {
        return new SegmentSpec("intro", SegmentSpec.Kind.TITLE, null, null, 0, frames, null, null, null,
                List.of(showTitle, subtitle, line), 0, 0);
    }

    /** Credits entries are "name|detail". */
    public static SegmentSpec credits(String showTitle, List<String> entries, long frames) {
        List<String> lines = new ArrayList<>();
        lines.add(showTitle);
        lines.addAll(entries);
        return new SegmentSpec("outro", SegmentSpec.Kind.CREDITS, null, null, 0, frames, null, null, null, lines, 0, 0);
    }

    /**
     * The cards a writing piece's segment shows, with their words and lengths: the same layout and timing the segment
     * is painted and encoded with, so captions can change where the cards do.
     */
    public static List<TextCard> textCards(SegmentSpec spec, HouseProfile profile) {
        if (spec.kind() != SegmentSpec.Kind.TEXT) {
            throw new IllegalArgumentException(spec.pieceId() + " is not writing");
        }
        Painter painter = new Painter(profile);
        List<String> texts = painter.cardTexts(spec.lines());
        List<Long> frames = SegmentFactory.cardFrames(spec.frames(), painter.cardWords(spec.lines()));
        List<TextCard> cards = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            cards.add(new TextCard(texts.get(i), frames.get(i)));
        }
        return cards;
    }

    /** Writers often start with the title; the first card already shows it as a heading, so it is not set twice. */
    static List<String> withoutRepeatedTitle(List<String> paragraphs, String title) {
        if (paragraphs.isEmpty()) {
            return paragraphs;
        }
        String first = paragraphs.get(0);
        int newline = first.indexOf('\n');
        String firstLine = newline < 0 ? first : first.substring(0, newline);
        if (!firstLine.strip().equalsIgnoreCase(title.strip())) {
            return paragraphs;
        }
        List<String> rest = new ArrayList<>(paragraphs);
        if (newline < 0) {
            rest.remove(0);
        } else {
            rest.set(0, first.substring(newline + 1).strip());
        }
        return rest.isEmpty() ? paragraphs : List.copyOf(rest);
    }
}
