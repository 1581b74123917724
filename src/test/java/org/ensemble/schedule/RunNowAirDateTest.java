package org.ensemble.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;

import org.ensemble.EnsembleSettings;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which episode "run now" makes: the show's next air date on or after today (the tiny show airs on Mondays). */
class RunNowAirDateTest {

    final ShowDefinition show = new ShowCatalog(new EnsembleSettings(Path.of("var"), Path.of("src/test/resources/jobs"), 1, null))
            .require("tiny-show");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // on the air day itself: that day's episode (a late run-now still makes today's show)
            "2026-11-30, 2026-11-30",
            // the day after: next week's
            "2026-12-01, 2026-12-07",
            // the day before: tomorrow's
            "2026-11-29, 2026-11-30",
            // across a year end
            "2026-12-29, 2027-01-04",
    })
    void runNowMakesTheNextAirDateOnOrAfterToday(LocalDate today, LocalDate expected) {
        assertThat(Operations.runNowAirDate(show, today)).isEqualTo(expected);
    }
}
