package dev.latchkey.core.notification;

/** Port for sending one plain-text e-mail. Implementations report failures as outcomes and are thread-safe. */
public interface MailSender {
    /** For a server without SMTP: every mail waits, and is sent once SMTP is configured. */
    MailSender UNCONFIGURED = (to, subject, body) -> new DeliveryOutcome.Unavailable("no SMTP server configured");

    DeliveryOutcome send(String to, String subject, String body);
}
