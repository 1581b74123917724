package org.ensemble.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How packages reach publishing systems.
 *
 * @param webhooks      receivers of signed events (revision ready / superseded): each a URL and its shared secret
 * @param webhookPoll   how often due webhook deliveries are sent
 * @param retryBase     the first retry waits this long; each further one twice as long as the one before
 * @param retryMax      no retry waits longer than this
 * @param maxAttempts   after this many failed attempts a delivery is given up (status FAILED, kept for ops)
 * @param retention     the scheduled pruning of old revisions (off unless {@code retention.cron} is set)
 * @param captions      the norms every published caption keeps (lines, characters a line, time on screen, reading speed)
 */
@ConfigurationProperties("ensemble.publish")
record PublishSettings(List<Webhook> webhooks,
                       @DefaultValue("PT5S") Duration webhookPoll,
                       @DefaultValue("PT10S") Duration retryBase,
                       @DefaultValue("PT1H") Duration retryMax,
                       @DefaultValue("20") int maxAttempts,
                       @DefaultValue Retention retention,
                       @DefaultValue CaptionNorms captions) {

    PublishSettings {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    /** A receiver: an absolute {@code http://} or {@code https://} URL with a host (nothing else is ever called). */
    record Webhook(String url, String secret) {
        Webhook {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("ensemble.publish.webhooks[].url is missing");
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("the webhook URL " + url + " is not a URL (" + e.getReason() + ")");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getHost().isBlank()) {
                throw new IllegalArgumentException("the webhook URL " + url + " must be an http:// or https:// URL with a host");
            }
            if (secret == null || secret.length() < 16) {
                throw new IllegalArgumentException("the secret of webhook " + url + " must be at least 16 characters");
            }
        }
    }

    /**
     * @param cron      when to prune (a Spring cron expression; "-" = never)
     * @param keep      newest revisions kept per episode (0 = no limit by count)
     * @param olderThan revisions older than this may go (empty = no limit by age)
     */
    record Retention(@DefaultValue("-") String cron, @DefaultValue("0") int keep, Duration olderThan) {
    }

    Duration retryDelay(int attempts) {
        long factor = 1L << Math.min(30, Math.max(0, attempts - 1));
        Duration delay = retryBase.multipliedBy(factor);
        return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }
}
