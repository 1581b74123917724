package org.ensemble.publish;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: HMAC-SHA256 with the receiver's secret over {@code <timestamp>.<raw body>}, sent as
 * {@code X-Ensemble-Signature: sha256=<hex>} with {@code X-Ensemble-Timestamp: <unix seconds>}. Signing the timestamp
 * lets a receiver refuse replays of an old event.
 */
final class WebhookSigner {

    static final String SIGNATURE_HEADER = "X-Ensemble-Signature";
    static final String TIMESTAMP_HEADER = "X-Ensemble-Timestamp";
    static final String EVENT_HEADER = "X-Ensemble-Event";
    static final String DELIVERY_HEADER = "X-Ensemble-Delivery";

    private WebhookSigner() {
    }

    static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a receiver does: same signature (compared in constant time) and a timestamp within the tolerance. */
    static boolean verify(String secret, String timestampHeader, byte[] body, String signatureHeader, long nowSeconds,
                          long toleranceSeconds) {
        if (timestampHeader == null || signatureHeader == null || !timestampHeader.matches("\\d{1,12}")) {
            return false;
        }
        long timestamp = Long.parseLong(timestampHeader);
        if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
                signatureHeader.getBytes(StandardCharsets.UTF_8));
    }
}
