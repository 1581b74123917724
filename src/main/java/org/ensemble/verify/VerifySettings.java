package org.ensemble.verify;

import java.time.Duration;

import org.ensemble.media.MasterScan;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far a master may stray from the show's targets and still be published. Durations are turned into frames at
 * the show's rate.
 *
 * @param loudnessToleranceLu        integrated loudness within target ± this
 * @param truePeakMarginDb           true peak at most the show's ceiling + this (0: the ceiling is a promise; the master
 *                                   is limited with room for the AAC encode)
 * @param segmentToleranceLu         each piece's own integrated loudness within target ± this
 * @param segmentMinimum             pieces shorter than this are not judged on loudness (too short for a steady reading)
 * @param quietSegmentLufs           a piece measuring below this is silent by intent (a still, a text) and is not judged
 * @param maxDeadAir                 black picture and silence together for longer than this fails the run
 * @param reportGapsFrom             black or silent runs shorter than this are not reported at all
 * @param silenceDb                  sound below this level counts as silence
 */
@ConfigurationProperties("ensemble.verify")
public record VerifySettings(@DefaultValue("0.5") double loudnessToleranceLu,
                      @DefaultValue("0.0") double truePeakMarginDb,
                      @DefaultValue("1.0") double segmentToleranceLu,
                      @DefaultValue("3s") Duration segmentMinimum,
                      @DefaultValue("-45") double quietSegmentLufs,
                      @DefaultValue("1s") Duration maxDeadAir,
                      @DefaultValue("500ms") Duration reportGapsFrom,
                      @DefaultValue("-60") double silenceDb) {

    static VerifySettings defaults() {
        return new VerifySettings(0.5, 0.0, 1.0, Duration.ofSeconds(3), -45, Duration.ofSeconds(1), Duration.ofMillis(500), -60);
    }

    /**
     * The detectors of the master scan. Black pictures are found while segments are encoded, at blackdetect's own
     * threshold ({@link MasterScan#BLACK_PIXEL_LUMA}); runs shorter than {@code reportGapsFrom} are not reported.
     */
    public MasterScan.Detectors detectors() {
        return new MasterScan.Detectors(MasterScan.BLACK_PIXEL_LUMA, silenceDb, reportGapsFrom.toMillis() / 1000.0);
    }

    static long frames(Duration d, int fps) {
        return d.toMillis() * fps / 1000;
    }
}
