package dev.latchkey.core.notification;

import dev.latchkey.core.common.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Latchkey-Signature} header of a webhook request: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} where
 * the HMAC is keyed with the endpoint's secret (its UTF-8 bytes, {@code lkwh_…}) over {@code "<t>.<body>"}.
 * Binding the time stops a captured request from being replayed later. Thread-safe.
 */
public final class WebhookSignature {
    public static final String HEADER = "Latchkey-Signature";

    private WebhookSignature() {
    }

    public static String header(Secret secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds, body);
    }

    public static String hmacHex(Secret secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * What a receiver does: true when {@code header} carries a {@code v1} signature of {@code body} under
     * {@code secret} whose time is within {@code tolerance} of {@code now}. Compares in constant time.
     */
    public static boolean verify(String header, Secret secret, String body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null || Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(hmacHex(secret, t, body).getBytes(StandardCharsets.US_ASCII),
                v1.getBytes(StandardCharsets.US_ASCII));
    }
}
