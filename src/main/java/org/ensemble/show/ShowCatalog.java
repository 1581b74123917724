package org.ensemble.show;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ensemble.EnsembleSettings;
import org.ensemble.episode.Category;
import org.ensemble.episode.Timecode;
import org.ensemble.media.HouseProfile;
import org.ensemble.media.LoudnessTarget;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The shows defined in the jobs folder ({@code jobs/*.yaml}), read fresh on every call so ops' edits apply. */
@Component
public class ShowCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ShowCatalog.class);

    private final Path folder;
    // integers stay integers: "frameRate: 29.97" is an error, not 29
    private final YAMLMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).build();

    public ShowCatalog(EnsembleSettings settings) {
        this.folder = settings.jobs();
    }

    /** The shows of a jobs folder, for code that reads them without Spring (the command line, before it starts it). */
    public static ShowCatalog inFolder(Path jobs) {
        return new ShowCatalog(new EnsembleSettings(null, jobs, 1, null));
    }

    /** The folder the shows are read from. */
    public Path folder() {
        return folder;
    }

    public Map<String, ShowDefinition> all() {
        Map<String, ShowDefinition> shows = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            LOG.warn("The jobs folder {} does not exist: no shows are defined", folder.toAbsolutePath());
            return shows;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                ShowDefinition show = load(file);
                shows.put(show.id(), show);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        return shows;
    }

    public Optional<ShowDefinition> find(String id) {
        return Optional.ofNullable(all().get(id));
    }

    public ShowDefinition require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(
                "No show '" + id + "' in " + folder.toAbsolutePath() + " (known: " + all().keySet() + ")"));
    }

    ShowDefinition load(Path file) {
        ShowFile raw;
        try {
            raw = yaml.readValue(file.toFile(), ShowFile.class);
        } catch (JacksonException e) {
            String where = e.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new IllegalArgumentException(file + ": " + (where.isEmpty() ? "" : where + ": ") + e.getOriginalMessage(), e);
        }
        try {
            return convert(raw, file);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static ShowDefinition convert(ShowFile f, Path file) {
        String expectedId = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String id = required(f.id(), "id");
        if (!id.equals(expectedId)) {
            throw new IllegalArgumentException("id '" + id + "' must match the file name '" + expectedId + "'");
        }
        if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("id '" + id + "' must be lower-case letters, digits and dashes");
        }
        ShowFile.Profile pf = required(f.profile(), "profile");
        if (pf.videoCodec() != null && !pf.videoCodec().equalsIgnoreCase("h264")) {
            throw new IllegalArgumentException("profile.videoCodec: only h264 is supported, got " + pf.videoCodec());
        }
        HouseProfile profile = new HouseProfile(required(pf.width(), "profile.width"), required(pf.height(), "profile.height"),
                required(pf.frameRate(), "profile.frameRate"), or(pf.pixelFormat(), "yuv420p"), or(pf.sampleRate(), 48000),
                or(pf.channels(), 2), or(pf.audioBitrateKbps(), 192));
        int fps = profile.frameRate();
        ShowFile.Loudness lf = required(f.loudness(), "loudness");
        LoudnessTarget loudness = new LoudnessTarget(required(lf.integratedLufs(), "loudness.integratedLufs"),
                required(lf.truePeakDbtp(), "loudness.truePeakDbtp"), or(lf.rangeLu(), 11.0));
        ShowFile.Rules r = required(f.rules(), "rules");
        ShowFile.Range still = or(r.stillSeconds(), new ShowFile.Range(5.0, 12.0));
        ShowFile.Writing writing = or(r.writing(), new ShowFile.Writing(150, 10.0, 60.0));
        Map<String, Integer> maxPerCategory = counts(r.maxPerCategory(), "maxPerCategory", Integer.MAX_VALUE);
        Map<String, Integer> minPerCategory = counts(r.minPerCategory(), "minPerCategory", Integer.MAX_VALUE);
        Map<String, Integer> minShare = counts(r.minSharePercent(), "minSharePercent", 100);
        Map<String, Integer> maxShare = counts(r.maxSharePercent(), "maxSharePercent", 100);
        for (Map.Entry<String, Integer> min : minPerCategory.entrySet()) {
            if (min.getValue() > maxPerCategory.getOrDefault(min.getKey(), Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("rules.minPerCategory." + min.getKey() + " (" + min.getValue()
                        + ") is more than rules.maxPerCategory." + min.getKey());
            }
        }
        for (Map.Entry<String, Integer> min : minShare.entrySet()) {
            if (min.getValue() > maxShare.getOrDefault(min.getKey(), 100)) {
                throw new IllegalArgumentException("rules.minSharePercent." + min.getKey() + " (" + min.getValue()
                        + ") is more than rules.maxSharePercent." + min.getKey());
            }
        }
        if (or(r.runtimeToleranceFrames(), 0) < 0) {
            throw new IllegalArgumentException("rules.runtimeToleranceFrames must be 0 or more, got " + r.runtimeToleranceFrames());
        }
        or(r.notBackToBack(), List.<String>of()).forEach(Category::fromSlug);
        or(r.openWith(), List.<String>of()).forEach(Category::fromSlug);
        or(r.closeWith(), List.<String>of()).forEach(Category::fromSlug);
        PlanningRules rules = new PlanningRules(
                frames(or(r.introSeconds(), 6.0), fps), frames(or(r.outroSeconds(), 12.0), fps),
                frames(or(r.pieceMinSeconds(), 3.0), fps), frames(or(r.pieceMaxSeconds(), 90.0), fps),
                frames(or(still.min(), 5.0), fps), frames(or(still.max(), 12.0), fps),
                or(writing.wordsPerMinute(), 150), frames(or(writing.minSeconds(), 10.0), fps),
                frames(or(writing.maxSeconds(), 60.0), fps), maxPerCategory,
                or(r.onePiecePerContributor(), true), or(r.notBackToBack(), List.of()),
                or(r.openWith(), List.of()), or(r.closeWith(), List.of()), or(r.runtimeToleranceFrames(), 0),
                minPerCategory, minShare, maxShare, or(r.neverRepeatAired(), true),
                frames(nonNegative(or(r.chapterMinSeconds(), 0.0), "rules.chapterMinSeconds"), fps));
        long runtime = Timecode.parseDuration(required(f.runtime(), "runtime"), fps);
        if (rules.introFrames() + rules.outroFrames() >= runtime) {
            throw new IllegalArgumentException("intro and outro leave no room in a runtime of " + f.runtime());
        }
        ShowFile.AirSlot slot = required(f.airSlot(), "airSlot");
        String cron = required(required(f.schedule(), "schedule").cron(), "schedule.cron");
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("schedule.cron '" + cron + "' is not a valid Quartz cron expression");
        }
        return new ShowDefinition(id, required(f.title(), "title"), or(f.description(), ""),
                ZoneId.of(required(f.timeZone(), "timeZone")), cron,
                DayOfWeek.valueOf(required(slot.day(), "airSlot.day").toUpperCase(Locale.ROOT)),
                LocalTime.parse(required(slot.time(), "airSlot.time")), runtime, loudness, profile, rules,
                quality(f.quality(), fps), bed(f.bed(), file, fps), firstSeasonYear(f.firstSeasonYear()));
    }

    static Integer firstSeasonYear(Integer year) {
        if (year != null && (year < 1900 || year > 9999)) {
            throw new IllegalArgumentException("firstSeasonYear must be a year such as 2026, got " + year);
        }
        return year;
    }

    static QualityRules quality(ShowFile.Quality q, int fps) {
        QualityRules d = QualityRules.defaults(fps);
        if (q == null) {
            return d;
        }
        double silenceDb = or(q.silenceDb(), d.silenceDb());
        if (silenceDb >= 0) {
            throw new IllegalArgumentException("quality.silenceDb must be below 0 dB, got " + silenceDb);
        }
        double silentPercent = nonNegative(or(q.maxSilentPercent(), 0.0), "quality.maxSilentPercent");
        double clippedPercent = nonNegative(or(q.maxClippedPercent(), 0.0), "quality.maxClippedPercent");
        if (silentPercent > 100 || clippedPercent > 100) {
            throw new IllegalArgumentException("quality percentages must be at most 100");
        }
        QualityRules rules = new QualityRules(silenceDb,
                seconds(q.minRunSeconds(), d.minRunFrames(), fps, "quality.minRunSeconds"),
                seconds(q.maxDeadAirSeconds(), d.maxDeadAirFrames(), fps, "quality.maxDeadAirSeconds"),
                seconds(q.maxSilenceSeconds(), d.maxSilenceFrames(), fps, "quality.maxSilenceSeconds"), silentPercent,
                seconds(q.trimEndsUpToSeconds(), d.maxTrimFrames(), fps, "quality.trimEndsUpToSeconds"),
                seconds(q.maxFrozenSeconds(), d.maxFrozenFrames(), fps, "quality.maxFrozenSeconds"), clippedPercent,
                nonNegative(or(q.pieceLoudnessToleranceLu(), d.pieceToleranceLu()), "quality.pieceLoudnessToleranceLu"),
                seconds(q.pieceLoudnessFromSeconds(), d.pieceMinimumFrames(), fps, "quality.pieceLoudnessFromSeconds"),
                or(q.quietPieceLufs(), d.quietPieceLufs()));
        if (rules.maxSilenceFrames() > 0 && rules.maxSilenceFrames() < rules.minRunFrames()) {
            throw new IllegalArgumentException("quality.maxSilenceSeconds is shorter than quality.minRunSeconds");
        }
        return rules;
    }

    static SoundBed bed(ShowFile.Bed b, Path showFile, int fps) {
        if (b == null) {
            return null;
        }
        if ((b.file() == null) == (b.tone() == null)) {
            throw new IllegalArgumentException("bed needs either 'file' (a sound file in the show's assets) or 'tone: chord'");
        }
        if (b.tone() != null && !b.tone().equals("chord")) {
            throw new IllegalArgumentException("bed.tone: only 'chord' is known, got '" + b.tone() + "'");
        }
        Path file = null;
        if (b.file() != null) {
            Path folder = showFile.toAbsolutePath().getParent();
            file = folder.resolve(b.file()).normalize();
            if (!file.startsWith(folder)) {
                throw new IllegalArgumentException("bed.file '" + b.file() + "' must be inside the jobs folder");
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("bed.file '" + b.file() + "' is not a file in " + folder);
            }
        }
        double level = or(b.levelLu(), 0.0);
        if (level > 0 || level < -20) {
            throw new IllegalArgumentException("bed.levelLu must be from -20 to 0 (against the loudness target), got " + level);
        }
        return new SoundBed(file, level, seconds(b.fadeSeconds(), fps / 2, fps, "bed.fadeSeconds"));
    }

    private static long seconds(Double seconds, long fallback, int fps, String name) {
        return seconds == null ? fallback : frames(nonNegative(seconds, name), fps);
    }

    private static double nonNegative(double value, String name) {
        if (value < 0 || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be 0 or more, got " + value);
        }
        return value;
    }

    /** A map from category slug to a whole number in [0, max]; unknown slugs are rejected. */
    private static Map<String, Integer> counts(Map<String, Integer> values, String name, int max) {
        Map<String, Integer> checked = new TreeMap<>();
        for (Map.Entry<String, Integer> e : or(values, Map.<String, Integer>of()).entrySet()) {
            Category.fromSlug(e.getKey());
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() > max) {
                throw new IllegalArgumentException("rules." + name + "." + e.getKey() + " must be a whole number from 0"
                        + (max == Integer.MAX_VALUE ? "" : " to " + max) + ", got " + e.getValue());
            }
            checked.put(e.getKey(), e.getValue());
        }
        return checked;
    }

    private static long frames(double seconds, int fps) {
        return Math.round(seconds * fps);
    }

    private static <T> T required(T value, String name) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException("'" + name + "' is required");
        }
        return value;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
