package org.ensemble.publish;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ensemble.Hashes;
import org.ensemble.episode.EpisodeKey;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Queues the events a publication causes, one row per configured receiver, in the caller's transaction. */
@Component
class Webhooks {

    static final String READY = "revision.ready";
    static final String SUPERSEDED = "revision.superseded";

    private final WebhookDeliveries deliveries;
    private final PublishSettings settings;
    private final JsonMapper json = JsonMapper.builder().build();

    Webhooks(WebhookDeliveries deliveries, PublishSettings settings) {
        this.deliveries = deliveries;
        this.settings = settings;
    }

    void revisionPublished(EpisodeKey episode, int revision, Integer previous, Path manifest) throws IOException {
        Instant now = Instant.now();
        String manifestSha = Hashes.sha256(manifest);
        Map<String, Object> ready = event(READY, episode, revision, now);
        ready.put("supersedes", previous);
        ready.put("manifestSha256", manifestSha);
        queue(READY, episode, revision, ready, now);
        if (previous != null && previous != revision) {
            Map<String, Object> superseded = event(SUPERSEDED, episode, previous, now);
            superseded.put("supersededBy", revision);
            superseded.put("current", Outbox.path(episode, revision, ""));
            queue(SUPERSEDED, episode, previous, superseded, now);
        }
    }

    private Map<String, Object> event(String type, EpisodeKey episode, int revision, Instant now) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", type);
        e.put("show", episode.showId());
        e.put("airDate", episode.airDate().toString());
        e.put("revision", revision);
        e.put("manifest", Outbox.path(episode, revision, "manifest.json"));
        e.put("occurredAt", now.toString());
        return e;
    }

    private void queue(String type, EpisodeKey episode, int revision, Map<String, Object> body, Instant now) {
        String key = type + ":" + episode.showId() + ":" + episode.airDate() + ":r" + revision;
        body.put("id", key);
        String text = json.writeValueAsString(body);
        for (PublishSettings.Webhook hook : settings.webhooks()) {
            deliveries.enqueue(hook.url(), key, type, text, now);
        }
    }
}
