package org.ensemble.verify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far a master's programme loudness may stray from the show's targets and still be published. What a piece and
 * the programme may carry of silence, dead air and loudness per piece is the show's ({@code quality} in its show
 * file, {@link org.ensemble.show.QualityRules}), shared with conform's check of each piece.
 *
 * @param loudnessToleranceLu integrated loudness within target ± this
 * @param truePeakMarginDb    true peak at most the show's ceiling + this (0: the ceiling is a promise; the master
 *                            is limited with room for the AAC encode)
 */
@ConfigurationProperties("ensemble.verify")
public record VerifySettings(@DefaultValue("0.5") double loudnessToleranceLu,
                             @DefaultValue("0.0") double truePeakMarginDb) {

    static VerifySettings defaults() {
        return new VerifySettings(0.5, 0.0);
    }
}
