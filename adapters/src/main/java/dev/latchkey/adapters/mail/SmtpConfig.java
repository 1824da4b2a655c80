package dev.latchkey.adapters.mail;

import dev.latchkey.core.common.Secret;
import java.util.Objects;

/**
 * Where mail goes: an SMTP server ({@code host}, {@code port}), the sender address, optional credentials, and
 * whether STARTTLS is required. Port 465 means TLS from the first byte (SMTPS) instead. Immutable.
 *
 * @param user     null for a server that needs no login
 * @param password null without {@code user}; redacted in {@link #toString()}
 */
public record SmtpConfig(String host, int port, String from, String user, Secret password, boolean starttls) {
    public static final int DEFAULT_PORT = 587;
    public static final String DEFAULT_FROM = "latchkey@localhost";

    public SmtpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("SMTP port must be 1 to 65535, not " + port);
        }
    }
}
