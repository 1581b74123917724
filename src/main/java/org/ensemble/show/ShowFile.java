package org.ensemble.show;

import java.util.List;
import java.util.Map;

/** The YAML shape of {@code jobs/<show>.yaml}, as ops write it (seconds, names). Converted into {@link ShowDefinition}. */
record ShowFile(String id, String title, String description, String timeZone, Schedule schedule, AirSlot airSlot,
                String runtime, Loudness loudness, Profile profile, Rules rules, Quality quality, Bed bed,
                Integer firstSeasonYear) {

    record Quality(Double silenceDb, Double minRunSeconds, Double maxDeadAirSeconds, Double maxSilenceSeconds,
                   Double maxSilentPercent, Double trimEndsUpToSeconds, Double maxFrozenSeconds, Double maxClippedPercent,
                   Double pieceLoudnessToleranceLu, Double pieceLoudnessFromSeconds, Double quietPieceLufs) {
    }

    record Bed(String file, String tone, Double levelLu, Double fadeSeconds) {
    }

    record Schedule(String cron) {
    }

    record AirSlot(String day, String time) {
    }

    record Loudness(Double integratedLufs, Double truePeakDbtp, Double rangeLu) {
    }

    record Profile(Integer width, Integer height, Integer frameRate, String pixelFormat, String videoCodec,
                   Integer sampleRate, Integer channels, Integer audioBitrateKbps) {
    }

    record Rules(Double introSeconds, Double outroSeconds, Double pieceMinSeconds, Double pieceMaxSeconds,
                 Range stillSeconds, Writing writing, Map<String, Integer> maxPerCategory,
                 Boolean onePiecePerContributor, List<String> notBackToBack, List<String> openWith,
                 List<String> closeWith, Integer runtimeToleranceFrames, Map<String, Integer> minPerCategory,
                 Map<String, Integer> minSharePercent, Map<String, Integer> maxSharePercent,
                 Boolean neverRepeatAired, Double chapterMinSeconds) {
    }

    record Range(Double min, Double max) {
    }

    record Writing(Integer wordsPerMinute, Double minSeconds, Double maxSeconds) {
    }
}
