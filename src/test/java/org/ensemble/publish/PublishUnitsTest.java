package org.ensemble.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.ensemble.EnsembleSettings;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.junit.jupiter.api.Test;

/** The small pure parts of publishing: air slot, retention, signing, thumbnail scoring, back-off. */
class PublishUnitsTest {

    @Test
    void publishAtIsTheLondonMondaySlotOnBothSidesOfTheClockChanges() {
        ShowDefinition show = new ShowCatalog(new EnsembleSettings(Path.of("var"), Path.of("src/test/resources/jobs"), 1, null))
                .require("tiny-show");

        // spring: clocks go forward on Sunday 29 March 2026
        assertThat(show.publishAt(LocalDate.of(2026, 3, 23)).toInstant()).isEqualTo(Instant.parse("2026-03-23T07:00:00Z"));
        assertThat(show.publishAt(LocalDate.of(2026, 3, 30)).toInstant()).isEqualTo(Instant.parse("2026-03-30T06:00:00Z"));
        assertThat(show.publishAt(LocalDate.of(2026, 3, 30)).toString()).isEqualTo("2026-03-30T07:00+01:00");
        // autumn: back on Sunday 25 October 2026
        assertThat(show.publishAt(LocalDate.of(2026, 10, 19)).toInstant()).isEqualTo(Instant.parse("2026-10-19T06:00:00Z"));
        assertThat(show.publishAt(LocalDate.of(2026, 10, 26)).toInstant()).isEqualTo(Instant.parse("2026-10-26T07:00:00Z"));
    }

    @Test
    void retentionKeepsTheNewestAndNeverTheCurrent() {
        Instant now = Instant.parse("2026-12-31T00:00:00Z");
        List<RetentionPolicy.Revision> revisions = List.of(rev(1, now.minus(Duration.ofDays(60))), rev(2, now.minus(Duration.ofDays(40))),
                rev(3, now.minus(Duration.ofDays(20))), rev(4, now.minus(Duration.ofDays(1))));

        assertThat(new RetentionPolicy(2, null).prunable(revisions, 4, now)).containsExactly(1, 2);
        // an editor brought r1 back as current: it stays although it is the oldest
        assertThat(new RetentionPolicy(2, null).prunable(revisions, 1, now)).containsExactly(2);
        assertThat(new RetentionPolicy(0, Duration.ofDays(30)).prunable(revisions, 4, now)).containsExactly(1, 2);
        // both given: a revision goes only when it is beyond the count and old enough
        assertThat(new RetentionPolicy(1, Duration.ofDays(50)).prunable(revisions, 4, now)).containsExactly(1);
        assertThat(new RetentionPolicy(1, null).prunable(List.of(rev(1, now)), 1, now)).isEmpty();
        assertThatThrownBy(() -> new RetentionPolicy(0, null)).hasMessageContaining("needs");
    }

    static RetentionPolicy.Revision rev(int n, Instant at) {
        return new RetentionPolicy.Revision(n, at);
    }

    @Test
    void signatureIsHmacSha256OverTimestampAndBodyAndRefusesTamperingAndReplay() {
        byte[] body = "{\"event\":\"revision.ready\"}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSigner.sign("0123456789abcdef", 1_700_000_000L, body);

        // the same value as `printf '1700000000.{"event":"revision.ready"}' | openssl dgst -sha256 -hmac 0123456789abcdef`
        assertThat(signature).isEqualTo("sha256=" + hmacByHand("0123456789abcdef", "1700000000." + new String(body, StandardCharsets.UTF_8)));
        assertThat(WebhookSigner.verify("0123456789abcdef", "1700000000", body, signature, 1_700_000_100L, 300)).isTrue();
        assertThat(WebhookSigner.verify("0123456789abcdef", "1700000000", "{}".getBytes(), signature, 1_700_000_100L, 300)).isFalse();
        assertThat(WebhookSigner.verify("another-secret-x", "1700000000", body, signature, 1_700_000_100L, 300)).isFalse();
        assertThat(WebhookSigner.verify("0123456789abcdef", "1700000000", body, signature, 1_700_001_000L, 300)).as("replayed late").isFalse();
        assertThat(WebhookSigner.verify("0123456789abcdef", "1700000001", body, signature, 1_700_000_100L, 300)).isFalse();
    }

    /** HMAC-SHA256 from its definition (RFC 2104) on top of plain SHA-256, to check the signer against. */
    static String hmacByHand(String key, String message) {
        try {
            var sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] k = java.util.Arrays.copyOf(key.getBytes(StandardCharsets.UTF_8), 64);
            byte[] ipad = new byte[64];
            byte[] opad = new byte[64];
            for (int i = 0; i < 64; i++) {
                ipad[i] = (byte) (k[i] ^ 0x36);
                opad[i] = (byte) (k[i] ^ 0x5c);
            }
            sha.update(ipad);
            byte[] inner = sha.digest(message.getBytes(StandardCharsets.UTF_8));
            sha.update(opad);
            return java.util.HexFormat.of().formatHex(sha.digest(inner));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thumbnailScorePrefersASharpExposedFrameToBlurBlackOrAFlatCard() {
        BufferedImage sharp = pattern(new Color(40, 90, 160), new Color(230, 200, 80));
        float[] box = new float[81];
        java.util.Arrays.fill(box, 1f / 81);
        BufferedImage blurred = new ConvolveOp(new Kernel(9, 9, box), ConvolveOp.EDGE_NO_OP, null).filter(sharp, null);
        BufferedImage black = pattern(new Color(2, 2, 2), new Color(12, 12, 12));
        BufferedImage flat = pattern(new Color(120, 120, 120), new Color(120, 120, 120));

        double s = Sharpness.of(sharp).score();
        assertThat(s).isGreaterThan(Sharpness.of(blurred).score() * 4);
        assertThat(s).isGreaterThan(Sharpness.of(black).score() * 4);
        assertThat(Sharpness.of(flat).score()).isZero();
        assertThat(Sharpness.of(black).meanLuma()).isLessThan(Sharpness.DARKEST);
    }

    static BufferedImage pattern(Color a, Color b) {
        BufferedImage image = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 90; y++) {
            for (int x = 0; x < 160; x++) {
                image.setRGB(x, y, ((x / 6 + y / 6) % 2 == 0 ? a : b).getRGB());
            }
        }
        return image;
    }

    @Test
    void retriesBackOffExponentiallyUpToTheCeiling() {
        PublishSettings settings = new PublishSettings(null, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(5), 20,
                new PublishSettings.Retention("-", 0, null), CaptionNorms.COMMON);

        assertThat(List.of(1, 2, 3, 4, 5, 6, 30).stream().map(settings::retryDelay).toList()).containsExactly(Duration.ofSeconds(10),
                Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(80), Duration.ofSeconds(160), Duration.ofMinutes(5),
                Duration.ofMinutes(5));
        assertThatThrownBy(() -> new PublishSettings.Webhook("http://x", "short")).hasMessageContaining("16 characters");
    }
}
