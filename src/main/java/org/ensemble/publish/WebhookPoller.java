package org.ensemble.publish;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due webhook deliveries from the database, signed; a receiver's 2xx marks one delivered, anything else (or no
 * answer) schedules the next attempt with exponential back-off. Because the queue is a table, a restart loses nothing.
 */
@Component
class WebhookPoller {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookPoller.class);

    private final WebhookDeliveries deliveries;
    private final PublishSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebhookPoller(WebhookDeliveries deliveries, PublishSettings settings) {
        this.deliveries = deliveries;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${ensemble.publish.webhook-poll:PT5S}", initialDelayString = "${ensemble.publish.webhook-poll:PT5S}")
    void poll() {
        sendDue(Instant.now());
    }

    /** Returns how many were delivered. Synchronized: the scheduler and a manual call never send the same row twice. */
    synchronized int sendDue(Instant now) {
        int sent = 0;
        for (WebhookDeliveries.Delivery d : deliveries.due(now, 100)) {
            int attempt = d.attempts() + 1;
            String secret = settings.webhooks().stream().filter(w -> w.url().equals(d.url())).map(PublishSettings.Webhook::secret)
                    .findFirst().orElse(null);
            if (secret == null) {
                deliveries.failed(d.id(), d.attempts(), now, "no webhook with this URL is configured any more", true);
                LOG.warn("Webhook delivery {} to {} given up: the URL is no longer configured", d.id(), d.url());
                continue;
            }
            byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
            long timestamp = Instant.now().getEpochSecond();
            String error;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(d.url()))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header(WebhookSigner.EVENT_HEADER, d.eventType())
                        .header(WebhookSigner.DELIVERY_HEADER, Long.toString(d.id()))
                        .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                        .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(secret, timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    deliveries.delivered(d.id(), attempt, Instant.now());
                    LOG.info("Webhook {} {} delivered to {} (attempt {})", d.eventType(), d.eventKey(), d.url(), attempt);
                    sent++;
                    continue;
                }
                error = "HTTP " + response.statusCode();
            } catch (IOException e) {
                error = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            } catch (RuntimeException e) {
                // a request that cannot even be made will not be made next time either: give it up, go on with the rest
                deliveries.failed(d.id(), attempt, now, "the request could not be made: " + e, true);
                LOG.warn("Webhook {} {} to {} given up: the request could not be made ({})", d.eventType(), d.eventKey(),
                        d.url(), e.toString());
                continue;
            }
            boolean giveUp = attempt >= settings.maxAttempts();
            Instant next = now.plus(settings.retryDelay(attempt));
            deliveries.failed(d.id(), attempt, next, error, giveUp);
            LOG.warn("Webhook {} {} to {} failed (attempt {}): {}; {}", d.eventType(), d.eventKey(), d.url(), attempt, error,
                    giveUp ? "given up" : "next attempt at " + next);
        }
        return sent;
    }
}
