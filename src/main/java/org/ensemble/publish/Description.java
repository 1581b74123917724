package org.ensemble.publish;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.show.ShowDefinition;

/** {@code description.txt}: ready to paste under the video: title, what the week was about, chapters and the people in it. */
final class Description {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private Description() {
    }

    static String of(ShowDefinition show, LocalDate airDate, EditDecisionList edl, EpisodeNumbers.Number number,
                     List<Chapters.Chapter> chapters) {
        StringBuilder out = new StringBuilder();
        out.append(show.title()).append(" – ").append(edl.title()).append('\n');
        out.append("Season ").append(number.season()).append(", episode ").append(number.episode()).append(" · ")
                .append(airDate.format(DATE)).append("\n\n");
        String theme = number.theme() != null ? number.theme() : show.description();
        if (theme != null && !theme.isBlank()) {
            out.append(theme.strip()).append("\n\n");
        }
        out.append("Chapters\n").append(Chapters.text(chapters, edl.frameRate())).append('\n');
        out.append("With\n");
        for (EditDecisionList.Credit person : edl.credits()) {
            out.append(person.contributor()).append(person.location() == null ? "" : " (" + person.location() + ")")
                    .append(": ").append(String.join(" / ", person.titles())).append('\n');
        }
        return out.toString();
    }
}
