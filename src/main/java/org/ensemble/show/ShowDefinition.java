package org.ensemble.show;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.ensemble.media.HouseProfile;
import org.ensemble.media.LoudnessTarget;

/**
 * A show as operations define it in {@code jobs/<id>.yaml}: what it is called, when it is built and aired,
 * how long and how loud an episode is, the house format, the planning rules, what the programme may carry of
 * silence and dead air, and the sound bed under pieces that have no sound of their own ({@code bed} may be null).
 */
public record ShowDefinition(String id, String title, String description, ZoneId timeZone, String cron,
                             DayOfWeek airDay, LocalTime airTime, long runtimeFrames,
                             LoudnessTarget loudness, HouseProfile profile, PlanningRules rules, QualityRules quality,
                             SoundBed bed) {

    /** A show with the default quality rules and no sound bed. */
    public ShowDefinition(String id, String title, String description, ZoneId timeZone, String cron, DayOfWeek airDay,
                          LocalTime airTime, long runtimeFrames, LoudnessTarget loudness, HouseProfile profile,
                          PlanningRules rules) {
        this(id, title, description, timeZone, cron, airDay, airTime, runtimeFrames, loudness, profile, rules,
                QualityRules.defaults(profile.frameRate()), null);
    }

    /** The bed under pieces without sound of their own, if the show names one. */
    public java.util.Optional<SoundBed> soundBed() {
        return java.util.Optional.ofNullable(bed);
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
