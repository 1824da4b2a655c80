package dev.latchkey.adapters.mail;

import dev.latchkey.core.notification.DeliveryOutcome;
import dev.latchkey.core.notification.MailSender;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;

/**
 * Sends plain-text mail over SMTP with Jakarta Mail (Eclipse Angus): one connection per message, STARTTLS required
 * when configured, SMTPS on port 465, 10-second timeouts so a dead server cannot hold a delivery past its lease.
 * Thread-safe.
 */
public final class SmtpMailSender implements MailSender {
    static final String TIMEOUT_MILLIS = "10000";
    private final SmtpConfig config;
    private final Session session;
    private final InternetAddress from;

    public SmtpMailSender(SmtpConfig config) {
        this.config = config;
        Properties p = new Properties();
        String protocol = config.port() == 465 ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", config.host());
        p.put("mail." + protocol + ".port", Integer.toString(config.port()));
        p.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MILLIS);
        p.put("mail." + protocol + ".timeout", TIMEOUT_MILLIS);
        p.put("mail." + protocol + ".writetimeout", TIMEOUT_MILLIS);
        p.put("mail." + protocol + ".auth", Boolean.toString(config.user() != null));
        if (config.starttls() && protocol.equals("smtp")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        this.session = Session.getInstance(p);
        try {
            this.from = new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("--smtp-from is not an e-mail address: " + config.from());
        }
    }

    @Override
    public DeliveryOutcome send(String to, String subject, String body) {
        InternetAddress recipient;
        try {
            recipient = new InternetAddress(to, true);
        } catch (AddressException e) {
            return new DeliveryOutcome.Rejected("not a deliverable e-mail address");
        }
        try {
            MimeMessage message = new MimeMessage(session);
            message.setRecipient(Message.RecipientType.TO, recipient);
            message.setFrom(from);
            message.setSubject(subject, "UTF-8");
            message.setText(body, "UTF-8");
            message.setSentDate(new Date());
            message.setHeader("Auto-Submitted", "auto-generated");
            if (config.user() != null) {
                Transport.send(message, config.user(), config.password() == null ? "" : config.password().reveal());
            } else {
                Transport.send(message);
            }
            return new DeliveryOutcome.Delivered();
        } catch (MessagingException e) {
            return new DeliveryOutcome.Failed("SMTP " + config.host() + ":" + config.port() + ": " + describe(e));
        }
    }

    private static String describe(MessagingException e) {
        Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (cause != null && cause != e) {
            text += " (" + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
        }
        return text.replaceAll("\\s+", " ");
    }
}
