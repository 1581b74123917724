package org.ensemble.verify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far a master may stray from the show's targets and still be published.
 *
 * @param loudnessToleranceLu integrated loudness within target ± this
 * @param truePeakMarginDb    true peak at most the show's ceiling + this (AAC encoding can add a few tenths)
 */
@ConfigurationProperties("ensemble.verify")
record VerifySettings(@DefaultValue("1.0") double loudnessToleranceLu, @DefaultValue("0.5") double truePeakMarginDb) {
}
