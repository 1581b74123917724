package org.ensemble.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimecodeTest {

    private static final Pattern WELL_FORMED = Pattern.compile("\\d{2,}:[0-5]\\d:[0-5]\\d:\\d{2}");

    /** Frame counts around every carry (frame, second, minute, hour) at both rates. */
    static Stream<Arguments> carries() {
        return Stream.of(30, 25).flatMap(fps -> {
            long second = fps;
            long minute = 60L * fps;
            long hour = 3600L * fps;
            return LongStream.of(0, 1, second - 1, second, second + 1, minute - 1, minute, minute + 1,
                    hour - 1, hour, hour + 1, 10 * hour - 1, 24 * hour, 99 * hour + 59 * minute + 59 * second + fps - 1)
                    .mapToObj(frames -> Arguments.of(frames, fps));
        });
    }

    @ParameterizedTest(name = "{0} frames at {1} fps")
    @MethodSource("carries")
    void smpteRoundTripsAtCarries(long frames, int fps) {
        assertRoundTrip(frames, fps);
    }

    @ParameterizedTest(name = "{0} fps")
    @ValueSource(ints = {30, 25})
    void smpteRoundTripsOverASeededSpread(int fps) {
        // property: every frame count up to 30 hours survives smpte -> parseSmpte, and the text is well formed
        Random random = new Random(20261130L + fps);
        LongStream frameCounts = LongStream.concat(random.longs(5_000, 0, 30L * 3600 * fps),
                // and every frame count of the first two minutes, one by one
                LongStream.range(0, 120L * fps));
        List<String> broken = new ArrayList<>();
        frameCounts.forEach(frames -> {
            String timecode = Timecode.smpte(frames, fps);
            if (!WELL_FORMED.matcher(timecode).matches()
                    || Integer.parseInt(timecode.substring(timecode.length() - 2)) >= fps
                    || Timecode.parseSmpte(timecode, fps) != frames
                    || Timecode.parseDuration(timecode, fps) != frames) {
                broken.add(frames + " -> " + timecode);
            }
        });
        assertThat(broken).isEmpty();
    }

    private static void assertRoundTrip(long frames, int fps) {
        String timecode = Timecode.smpte(frames, fps);

        assertThat(timecode).matches(WELL_FORMED);
        assertThat(Integer.parseInt(timecode.substring(timecode.length() - 2))).isLessThan(fps);
        assertThat(Timecode.parseSmpte(timecode, fps)).isEqualTo(frames);
        // a duration written with frames is the same thing
        assertThat(Timecode.parseDuration(timecode, fps)).isEqualTo(frames);
    }

    @ParameterizedTest(name = "{0} at {1} fps = {2}")
    @CsvSource({
            // the episode runtime at the house rate
            "00:10:00:00, 30, 18000",
            // the last frame of the first second
            "00:00:00:29, 30, 29",
            // the same at PAL rate: 25 frames a second
            "00:00:00:24, 25, 24",
            // broadcast masters start at one hour
            "01:00:00:00, 30, 108000",
            "01:00:00:00, 25, 90000",
            // ';' is tolerated as a separator (it is read as non-drop)
            "00:00:01;15, 30, 45",
            // surrounding blanks are ignored
            "' 00:00:02:00 ', 30, 60",
    })
    void parsesKnownTimecodes(String timecode, int fps, long frames) {
        assertThat(Timecode.parseSmpte(timecode, fps)).isEqualTo(frames);
    }

    @ParameterizedTest(name = "{0} frames at {1} fps -> {2}")
    @CsvSource({
            // zero pads to two digits per field
            "0, 30, 00:00:00:00",
            "18000, 30, 00:10:00:00",
            // 29 is the largest frame field at 30 fps
            "107999, 30, 00:59:59:29",
            "90024, 25, 01:00:00:24",
    })
    void formatsKnownTimecodes(long frames, int fps, String expected) {
        assertThat(Timecode.smpte(frames, fps)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "clock({0}, {1}) = {2}")
    @CsvSource({
            // chapter starts are MM:SS ...
            "0, 30, 00:00",
            "300, 30, 00:10",
            // ... rounded down: 59.97 s is still 00:59
            "1799, 30, 00:59",
            "1800, 30, 01:00",
            "18000, 30, 10:00",
            // the last second before an hour keeps the short form
            "107999, 30, 59:59",
            // past an hour the hour is added, without padding
            "108000, 30, 1:00:00",
            "112500, 25, 1:15:00",
    })
    void clock(long frames, int fps, String expected) {
        assertThat(Timecode.clock(frames, fps)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "millis({0}, {1}) = {2}")
    @CsvSource({
            "0, 30, 00:00:00.000",
            // one frame at 30 fps is 33.33 ms: rounded to the nearest millisecond
            "1, 30, 00:00:00.033",
            "2, 30, 00:00:00.067",
            "1, 25, 00:00:00.040",
            "18000, 30, 00:10:00.000",
            // carries into the hour
            "108001, 30, 01:00:00.033",
    })
    void millis(long frames, int fps, String expected) {
        assertThat(Timecode.millis(frames, fps)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} at {1} fps = {2}")
    @CsvSource({
            // the show file's runtime: ten minutes at the house rate
            "00:10:00, 30, 18000",
            "00:10:00, 25, 15000",
            // MM:SS
            "10:00, 30, 18000",
            "00:30, 30, 900",
            // HH:MM:SS:FF
            "00:00:30:15, 30, 915",
    })
    void parseDuration(String text, int fps, long frames) {
        assertThat(Timecode.parseDuration(text, fps)).isEqualTo(frames);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            // too few and too many fields
            "00:00:00", "00:00:00:00:00", "",
            // the frame field must be below the rate
            "00:00:00:30", "00:00:00:99",
            // not numbers
            "aa:bb:cc:dd", "00:00:00:1x",
            // negative fields would count backwards
            "-1:00:00:00", "00:00:00:-1", "00:-5:00:00",
            // minutes and seconds stop at 59
            "00:60:00:00", "00:00:75:00",
    })
    void rejectsInvalidTimecodes(String text) {
        assertThatThrownBy(() -> Timecode.parseSmpte(text, 30)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            // one field is not a duration
            "600", "",
            // five fields are not either
            "00:00:10:00:00",
            // words, and a decimal where whole seconds are expected
            "ten minutes", "00:10:00.5",
            // negative durations
            "-00:10:00", "00:-10:00",
            // seconds stop at 59, and so do minutes when hours are given
            "00:10:60", "00:75:00",
            // frame field at or past the rate
            "00:00:10:30",
    })
    void rejectsInvalidDurations(String text) {
        assertThatThrownBy(() -> Timecode.parseDuration(text, 30)).isInstanceOf(IllegalArgumentException.class);
    }
}
