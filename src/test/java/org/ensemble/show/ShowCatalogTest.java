package org.ensemble.show;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;

import org.ensemble.EnsembleSettings;
import org.ensemble.media.HouseProfile;
import org.ensemble.media.LoudnessTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShowCatalogTest {

    /** A small valid show file; the bad-file cases each change one thing in it. */
    static final String VALID = """
            id: small-show
            title: Small Show
            timeZone: Europe/London
            schedule:
              cron: "0 0 2 ? * SAT"
            airSlot:
              day: MONDAY
              time: "07:00"
            runtime: "00:01:00"
            loudness:
              integratedLufs: -16
              truePeakDbtp: -1.5
            profile:
              width: 320
              height: 180
              frameRate: 30
            rules:
              introSeconds: 3
              outroSeconds: 4
              maxPerCategory:
                photography: 2
              notBackToBack: [photography]
              openWith: [talking-life]
              closeWith: [little-thing]
            """;

    @TempDir
    Path jobs;

    static ShowCatalog catalog(Path folder) {
        return new ShowCatalog(new EnsembleSettings(Path.of("var"), folder, 2, Map.of()));
    }

    @Test
    void loadsTheRealCreateTogetherShow() {
        // given the repository's own jobs folder (tests run in the project directory)
        ShowCatalog catalog = catalog(Path.of("jobs"));

        // when
        ShowDefinition show = catalog.require("create-together");

        // then
        assertThat(show.title()).isEqualTo("Create Together");
        assertThat(show.runtimeFrames()).isEqualTo(18000);
        assertThat(show.profile()).isEqualTo(new HouseProfile(1920, 1080, 30, "yuv420p", 48000, 2, 192));
        assertThat(show.profile().samplesPerFrame()).isEqualTo(1600);
        assertThat(show.loudness()).isEqualTo(new LoudnessTarget(-16, -1.5, 11));
        assertThat(show.airDay()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(show.airTime()).isEqualTo(LocalTime.of(7, 0));
        assertThat(show.timeZone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(show.cron()).isEqualTo("0 0 2 ? * SAT");
        // seconds in the file become frames at 30 fps
        PlanningRules rules = show.rules();
        assertThat(rules.introFrames()).isEqualTo(300);
        assertThat(rules.outroFrames()).isEqualTo(450);
        assertThat(rules.pieceMinFrames()).isEqualTo(90);
        assertThat(rules.pieceMaxFrames()).isEqualTo(2700);
        assertThat(rules.stillMinFrames()).isEqualTo(180);
        assertThat(rules.stillMaxFrames()).isEqualTo(420);
        assertThat(rules.writingWordsPerMinute()).isEqualTo(140);
        assertThat(rules.writingMinFrames()).isEqualTo(360);
        assertThat(rules.writingMaxFrames()).isEqualTo(2250);
        assertThat(rules.maxPerCategory()).containsOnly(Map.entry("photography", 3), Map.entry("music", 1),
                Map.entry("writing", 2));
        assertThat(rules.onePiecePerContributor()).isTrue();
        assertThat(rules.notBackToBack()).containsExactly("photography", "writing", "music");
        assertThat(rules.openWith()).containsExactly("talking-life", "talking-process");
        assertThat(rules.closeWith()).containsExactly("little-thing", "music");
        assertThat(rules.runtimeToleranceFrames()).isZero();
        assertThat(rules.minPerCategory()).isEmpty();
        assertThat(rules.maxSharePercent()).containsOnly(Map.entry("photography", 20));
        // chapters platforms take: each at least 10 s, so photos are planned 10..14 s
        assertThat(rules.chapterMinFrames()).isEqualTo(300);
        assertThat(rules.elasticMinFrames(rules.stillMinFrames(), rules.stillMaxFrames())).isEqualTo(300);
        // seasons counted from the show's first year
        assertThat(show.season(java.time.LocalDate.of(2026, 11, 30))).isEqualTo(1);
        assertThat(show.season(java.time.LocalDate.of(2027, 1, 4))).isEqualTo(2);
        assertThat(catalog.all()).containsKey("create-together");
        // the programme's quality, in frames, and the sound bed from the show's own assets
        QualityRules quality = show.quality();
        assertThat(quality.maxDeadAirFrames()).isEqualTo(30);
        assertThat(quality.maxSilenceFrames()).isEqualTo(90);
        assertThat(quality.maxEdgeSilenceFrames()).isEqualTo(45);
        assertThat(quality.maxSilentPercent()).isEqualTo(5);
        assertThat(quality.maxTrimFrames()).isEqualTo(300);
        assertThat(quality.minRunFrames()).isEqualTo(15);
        assertThat(quality.pieceMinimumFrames()).isEqualTo(90);
        assertThat(show.soundBed()).hasValueSatisfying(bed -> {
            assertThat(bed.file()).isEqualTo(Path.of("jobs/assets/create-together/bed.flac").toAbsolutePath());
            assertThat(bed.file()).isRegularFile();
            assertThat(bed.levelLu()).isZero();
            assertThat(bed.fadeFrames()).isEqualTo(15);
        });
    }

    @Test
    void aShowWithoutQualityOrBedGetsTheDefaultsAndNoBed() throws IOException {
        Files.writeString(jobs.resolve("small-show.yaml"), VALID, StandardCharsets.UTF_8);

        ShowDefinition show = catalog(jobs).require("small-show");

        assertThat(show.quality()).isEqualTo(QualityRules.defaults(30));
        assertThat(show.quality().maxSilenceFrames()).isZero();
        assertThat(show.quality().maxEdgeSilenceFrames()).isEqualTo(Long.MAX_VALUE);
        assertThat(show.soundBed()).isEmpty();
    }

    @Test
    void publishesAtSevenLondonTimeInWinterAndSummer() {
        ShowDefinition show = catalog(Path.of("jobs")).require("create-together");

        // GMT in winter: 07:00 London is 07:00Z
        assertThat(show.publishAt(LocalDate.of(2026, 11, 30)).toInstant()).isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
        assertThat(show.publishAt(LocalDate.of(2026, 11, 30)).getOffset()).isEqualTo(ZoneOffset.UTC);
        // BST in summer: 07:00 London is 06:00Z
        assertThat(show.publishAt(LocalDate.of(2026, 6, 1)).toInstant()).isEqualTo(Instant.parse("2026-06-01T06:00:00Z"));
        assertThat(show.publishAt(LocalDate.of(2026, 6, 1)).getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        // the Monday after the clocks go back (25 October 2026) is already winter time
        assertThat(show.publishAt(LocalDate.of(2026, 10, 26)).toInstant()).isEqualTo(Instant.parse("2026-10-26T07:00:00Z"));
    }

    @Test
    void airDays() {
        ShowDefinition show = catalog(Path.of("jobs")).require("create-together");

        // a Saturday build makes the Monday after it
        assertThat(show.nextAirDateAfter(LocalDate.of(2026, 11, 28))).isEqualTo(LocalDate.of(2026, 11, 30));
        // on a Monday, the next one is a week later
        assertThat(show.nextAirDateAfter(LocalDate.of(2026, 11, 30))).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThatThrownBy(() -> show.requireAirDay(LocalDate.of(2026, 12, 1)))
                .hasMessageContaining("airs on MONDAYs").hasMessageContaining("2026-12-01 is a TUESDAY");
    }

    @Test
    void defaultsFillWhatASmallShowFileLeavesOut() throws IOException {
        Files.writeString(jobs.resolve("small-show.yaml"), VALID, StandardCharsets.UTF_8);

        ShowDefinition show = catalog(jobs).require("small-show");

        assertThat(show.runtimeFrames()).isEqualTo(1800);
        assertThat(show.description()).isEmpty();
        assertThat(show.profile()).isEqualTo(new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 192));
        assertThat(show.loudness().rangeLu()).isEqualTo(11.0);
        assertThat(show.rules().pieceMinFrames()).isEqualTo(90);
        assertThat(show.rules().pieceMaxFrames()).isEqualTo(2700);
        assertThat(show.rules().stillMinFrames()).isEqualTo(150);
        assertThat(show.rules().writingWordsPerMinute()).isEqualTo(150);
        assertThat(show.rules().onePiecePerContributor()).isTrue();
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                // FAIL_ON_UNKNOWN_PROPERTIES: a misspelt or invented key is an error, not silently ignored
                Arguments.of("small-show.yaml", VALID + "colour: blue\n", "colour"),
                // the same inside a nested block
                Arguments.of("small-show.yaml", VALID.replace("  introSeconds: 3", "  introSecs: 3"), "introSecs"),
                // the id is what the scheduler and the CLI use: it must be the file's name
                Arguments.of("other-show.yaml", VALID, "id 'small-show' must match the file name 'other-show'"),
                // a Unix cron (day-of-month and day-of-week both set) is not a Quartz cron
                Arguments.of("small-show.yaml", VALID.replace("0 0 2 ? * SAT", "0 0 2 * * SAT"),
                        "schedule.cron '0 0 2 * * SAT' is not a valid Quartz cron expression"),
                Arguments.of("small-show.yaml", VALID.replace("0 0 2 ? * SAT", "every saturday"), "not a valid Quartz cron"),
                // categories are a closed vocabulary, wherever the rules name them
                Arguments.of("small-show.yaml", VALID.replace("photography: 2", "poetry: 2"), "unknown category 'poetry'"),
                Arguments.of("small-show.yaml", VALID.replace("notBackToBack: [photography]", "notBackToBack: [photos]"),
                        "unknown category 'photos'"),
                Arguments.of("small-show.yaml", VALID.replace("openWith: [talking-life]", "openWith: [talking_life]"),
                        "unknown category 'talking_life'"),
                // planning rules: shares are percentages, counts whole numbers, a minimum above its maximum is a typo
                Arguments.of("small-show.yaml", VALID.replace("  introSeconds: 3", "  introSeconds: 3\n  maxSharePercent: {music: 120}"),
                        "rules.maxSharePercent.music must be a whole number from 0 to 100, got 120"),
                Arguments.of("small-show.yaml", VALID.replace("  introSeconds: 3", "  introSeconds: 3\n  minPerCategory: {photography: 3}"),
                        "rules.minPerCategory.photography (3) is more than rules.maxPerCategory.photography"),
                Arguments.of("small-show.yaml", VALID.replace("  introSeconds: 3", "  introSeconds: 3\n  minSharePercent: {songs: 10}"),
                        "unknown category 'songs'"),
                Arguments.of("small-show.yaml", VALID.replace("  introSeconds: 3", "  introSeconds: 3\n  runtimeToleranceFrames: -2"),
                        "rules.runtimeToleranceFrames must be 0 or more"),
                Arguments.of("small-show.yaml", VALID.replace("  introSeconds: 3", "  introSeconds: 3\n  runtimeTolerance: 2"),
                        "runtimeTolerance"),
                // NTSC-like rates give no whole number of samples per frame (48000 / 29.97)
                Arguments.of("small-show.yaml", VALID.replace("frameRate: 30", "frameRate: 29.97"), "frameRate"),
                // a fractional rate must not be quietly cut to a whole one that happens to divide 48000
                Arguments.of("small-show.yaml", VALID.replace("frameRate: 30", "frameRate: 25.5"), "frameRate"),
                // 44.1 kHz at 24 fps is 1837.5 samples per frame
                Arguments.of("small-show.yaml", VALID.replace("frameRate: 30", "frameRate: 24\n  sampleRate: 44100"),
                        "Sample rate 44100 is not a whole number of samples per frame at 24 fps"),
                // odd sizes cannot be 4:2:0
                Arguments.of("small-show.yaml", VALID.replace("width: 320", "width: 321"), "must be positive and even"),
                Arguments.of("small-show.yaml", VALID.replace("frameRate: 30", "frameRate: 30\n  videoCodec: hevc"),
                        "only h264 is supported"),
                // required values
                Arguments.of("small-show.yaml", VALID.replace("runtime: \"00:01:00\"\n", ""), "'runtime' is required"),
                Arguments.of("small-show.yaml", VALID.replace("title: Small Show\n", "title: \"  \"\n"), "'title' is required"),
                // intro and outro alone would fill the episode
                Arguments.of("small-show.yaml", VALID.replace("runtime: \"00:01:00\"", "runtime: \"00:00:07\""),
                        "intro and outro leave no room"),
                // a runtime that is not a duration
                Arguments.of("small-show.yaml", VALID.replace("runtime: \"00:01:00\"", "runtime: \"ten minutes\""), "ten minutes"),
                Arguments.of("small-show.yaml", VALID.replace("runtime: \"00:01:00\"", "runtime: \"00:00:60\""), "00:00:60"),
                // a time zone that does not exist
                Arguments.of("small-show.yaml", VALID.replace("Europe/London", "Europe/Londres"), "Europe/Londres"),
                // a day that is not a day
                Arguments.of("small-show.yaml", VALID.replace("day: MONDAY", "day: Mondays"), "MONDAYS"),
                // the sound bed: a file in the jobs folder, or the chord, at a level under the target
                Arguments.of("small-show.yaml", VALID + "bed:\n  file: assets/none.flac\n", "bed.file 'assets/none.flac' is not a file in"),
                Arguments.of("small-show.yaml", VALID + "bed:\n  file: ../../etc/hosts\n", "must be inside the jobs folder"),
                Arguments.of("small-show.yaml", VALID + "bed:\n  tone: chord\n  file: a.flac\n", "either 'file'"),
                Arguments.of("small-show.yaml", VALID + "bed:\n  tone: piano\n", "bed.tone: only 'chord' is known"),
                Arguments.of("small-show.yaml", VALID + "bed:\n  tone: chord\n  levelLu: 3\n", "bed.levelLu must be from -20 to 0"),
                // quality limits
                Arguments.of("small-show.yaml", VALID + "quality:\n  maxSilentPercent: 120\n", "percentages must be at most 100"),
                Arguments.of("small-show.yaml", VALID + "quality:\n  silenceDb: 6\n", "quality.silenceDb must be below 0 dB"),
                Arguments.of("small-show.yaml", VALID + "quality:\n  maxDeadAirSeconds: -1\n", "quality.maxDeadAirSeconds must be 0 or more"),
                Arguments.of("small-show.yaml", VALID + "quality:\n  maxSilenceSeconds: 0.2\n", "shorter than quality.minRunSeconds"),
                Arguments.of("small-show.yaml", VALID + "quality:\n  maxSilence: 3\n", "maxSilence"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("badFiles")
    void rejectsBadShowFilesNamingTheProblem(String fileName, String yaml, String problem) throws IOException {
        // given
        Path file = jobs.resolve(fileName);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        String id = fileName.replace(".yaml", "");

        // when / then: the message names the file and the problem
        assertThatThrownBy(() -> catalog(jobs).require(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(problem);
    }

    @Test
    void listsEveryYamlFileAndIgnoresOtherFiles() throws IOException {
        Files.writeString(jobs.resolve("small-show.yaml"), VALID);
        Files.writeString(jobs.resolve("second-show.yml"), VALID.replace("id: small-show", "id: second-show"));
        Files.writeString(jobs.resolve("notes.txt"), "not a show");
        Files.writeString(jobs.resolve("small-show.yaml.bak"), "id: broken: [");

        ShowCatalog catalog = catalog(jobs);

        assertThat(catalog.all()).containsOnlyKeys("second-show", "small-show");
        assertThat(catalog.find("second-show")).map(ShowDefinition::id).contains("second-show");
        assertThat(catalog.find("third-show")).isEmpty();
        assertThatThrownBy(() -> catalog.require("third-show"))
                .hasMessageContaining("No show 'third-show'")
                .hasMessageContaining("[second-show, small-show]");
    }

    @Test
    void aMissingJobsFolderDefinesNoShows() {
        assertThat(catalog(jobs.resolve("nowhere")).all()).isEmpty();
    }

    @Test
    void readsEditsOnEveryCall() throws IOException {
        // ops edit the file while the server runs
        Path file = jobs.resolve("small-show.yaml");
        Files.writeString(file, VALID);
        ShowCatalog catalog = catalog(jobs);
        assertThat(catalog.require("small-show").runtimeFrames()).isEqualTo(1800);

        Files.writeString(file, VALID.replace("runtime: \"00:01:00\"", "runtime: \"00:02:00\""));

        assertThat(catalog.require("small-show").runtimeFrames()).isEqualTo(3600);
    }
}
