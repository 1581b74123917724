package org.ensemble.show;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import java.util.Optional;
import org.ensemble.media.HouseProfile;
import org.ensemble.media.LoudnessTarget;

/**
 * A show as operations define it in {@code jobs/<id>.yaml}: what it is called, when it is built and aired,
 * how long and how loud an episode is, the house format, the planning rules, what the programme may carry of
 * silence and dead air, the sound bed under pieces that have no sound of their own ({@code bed} may be null), and
 * the year of its first season ({@code firstSeasonYear}; null: a season is its year's number, e.g. 2026).
 */
public record ShowDefinition(String id, String title, String description, ZoneId timeZone, String cron,
                             DayOfWeek airDay, LocalTime airTime, long runtimeFrames,
                             LoudnessTarget loudness, HouseProfile profile, PlanningRules rules, QualityRules quality,
                             SoundBed bed, Integer firstSeasonYear) {

    /** A show whose seasons are numbered by their year. */
    public ShowDefinition(String id, String title, String description, ZoneId timeZone, String cron,
                          DayOfWeek airDay, LocalTime airTime, long runtimeFrames,
                          LoudnessTarget loudness, HouseProfile profile, PlanningRules rules, QualityRules quality,
                          SoundBed bed) {
        this(id, title, description, timeZone, cron, airDay, airTime, runtimeFrames, loudness, profile, rules, quality, bed, null);
    }

    /**
     * The season an episode aired on {@code airDate} belongs to: a season a year, numbered from 1 in the show's
     * {@code firstSeasonYear} (small numbers, as players and the MP4's one-byte season tag expect), or the year itself
     * when the show does not say. An air date before the first season is in season 1.
     */
    public int season(LocalDate airDate) {
        return firstSeasonYear == null ? airDate.getYear() : Math.max(1, airDate.getYear() - firstSeasonYear + 1);
    }

    /** A show with the default quality rules and no sound bed. */
    public ShowDefinition(String id, String title, String description, ZoneId timeZone, String cron, DayOfWeek airDay,
                          LocalTime airTime, long runtimeFrames, LoudnessTarget loudness, HouseProfile profile,
                          PlanningRules rules) {
        this(id, title, description, timeZone, cron, airDay, airTime, runtimeFrames, loudness, profile, rules,
                QualityRules.defaults(profile.frameRate()), null);
    }

    /** The bed under pieces without sound of their own, if the show names one. */
    public Optional<SoundBed> soundBed() {
        return Optional.ofNullable(bed);
    }

    /** The moment an episode for {@code airDate} goes public: the air slot in the show's time zone (DST-correct). */
    public OffsetDateTime publishAt(LocalDate airDate) {
        return airDate.atTime(airTime).atZone(timeZone).toOffsetDateTime();
    }

    public void requireAirDay(LocalDate airDate) {
        if (airDate.getDayOfWeek() != airDay) {
            throw new IllegalArgumentException("Show " + id + " airs on " + airDay + "s; " + airDate + " is a "
                    + airDate.getDayOfWeek());
        }
    }

    /** The next air date strictly after {@code day}, e.g. the Monday after a Saturday build. */
    public LocalDate nextAirDateAfter(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (next.getDayOfWeek() != airDay) {
            next = next.plusDays(1);
        }
        return next;
    }
}
