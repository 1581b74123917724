package org.ensemble.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on what the inbox may hold.
 *
 * @param maxFileBytes       larger files are rejected unread
 * @param maxDurationSeconds longer media are rejected
 * @param maxTextWords       longer writing is rejected (it would not fit on screen in any episode)
 * @param maxImagePixels     pictures declaring more pixels (width x height, from the header) are rejected before
 *                           anything decodes them: a 100000x100000 PNG would need 40 GB of memory
 */
@ConfigurationProperties("ensemble.ingest")
record IngestSettings(@DefaultValue("8589934592") long maxFileBytes,
                      @DefaultValue("3600") long maxDurationSeconds,
                      @DefaultValue("2000") int maxTextWords,
                      @DefaultValue("100000000") long maxImagePixels) {
}
