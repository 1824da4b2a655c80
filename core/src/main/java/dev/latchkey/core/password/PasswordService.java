package dev.latchkey.core.password;

import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.identity.Membership;
import java.util.Map;
import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.identity.PasswordHasher;
import dev.latchkey.core.identity.PasswordThrottle;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.core.notification.DeliveryOutcome;
import dev.latchkey.core.notification.MailSender;
import dev.latchkey.core.session.SessionService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passwords outside sign-in (decision record 0021):
 * <ul>
 * <li>changing one's own password, proven with the current one; wrong guesses count toward the sign-in
 * {@link PasswordThrottle} of the user's address, as at sign-in; afterwards every console session of the user
 * ends and pending reset links die;</li>
 * <li>a forgotten password: a single-use link valid for {@link #RESET_LIFETIME}, mailed directly (never through the
 * outbox, which keeps bodies), whose secret is stored only as SHA-256. Asking answers the same whether or not the
 * address is a user's, and the mail goes out off the request thread so the answer takes as long either way.
 * Requests are throttled per typed address like sign-in;</li>
 * <li>accepting an invitation, with the sign-in throttle on the invitee's address when they confirm with an
 * existing password;</li>
 * <li>the invitation mail: the link to the console's accept page, mailed to the invitee, or handed to the
 * inviter when no mail could be sent.</li>
 * </ul>
 * Thread-safe.
 */
public final class PasswordService {
    public static final Duration RESET_LIFETIME = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(PasswordService.class);
    private static final int MAX_NAME_IN_MAIL = 200;
    private final Transactor tx;
    private final UserStore users;
    private final UserService userService;
    private final PasswordResetStore resets;
    private final PasswordHasher hasher;
    private final PasswordThrottle signInThrottle;
    private final PasswordThrottle resetThrottle;
    private final SessionService sessions;
    private final MailSender mail;
    private final Executor mailThread;
    private final String publicUrl;
    private final SecureRandom random;
    private final Clock clock;
    private final AuditTrail audit;
    private final KeyFormat resetFormat = new KeyFormat("lkpwr");

    /** How an invitation reached its invitee: by mail, or as a link the inviter must hand over. */
    public record InvitationDelivery(boolean mailed, Secret link, String problem) {
    }

    /**
     * @param signInThrottle the throttle the password grant uses: wrong current passwords count there too
     * @param resetThrottle  a throttle of its own for reset requests, per typed address
     * @param mailThread     where reset mail is sent from, off the request thread
     * @param publicUrl      the URL browsers reach the console at, for the links in mail
     */
    public PasswordService(Transactor tx, UserStore users, UserService userService, PasswordResetStore resets,
                           PasswordHasher hasher, PasswordThrottle signInThrottle, PasswordThrottle resetThrottle,
                           SessionService sessions, MailSender mail, Executor mailThread, String publicUrl,
                           SecureRandom random, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.tx = tx;
        this.users = users;
        this.userService = userService;
        this.resets = resets;
        this.hasher = hasher;
        this.signInThrottle = signInThrottle;
        this.resetThrottle = resetThrottle;
        this.sessions = sessions;
        this.mail = mail;
        this.mailThread = mailThread;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.random = random;
        this.clock = clock;
    }

    /**
     * Changes the caller's password. The current password must be right; a wrong one is a failure for the sign-in
     * throttle of the caller's address. Ends every console session of the caller (the console signs the browser
     * in again with the new password) and every pending reset link.
     */
    public void change(Principal caller, Secret current, Secret next) {
        User user = caller.isServiceId() ? null : users.find(caller.iamId()).filter(u -> !u.functional()).orElse(null);
        Optional<String> hash = user == null ? Optional.empty() : users.passwordHash(user.iamId());
        if (hash.isEmpty()) {
            throw DomainException.forbidden("You have no password to change: you signed in as an identity that "
                    + "has none (a service ID or a functional ID).");
        }
        Duration wait = signInThrottle.admit(user.email());
        if (!wait.isZero()) {
            throw tooMany(wait);
        }
        if (current == null || !hasher.verify(current, hash.get())) {
            throw DomainException.invalid("The current password is not right.");
        }
        signInThrottle.succeeded(user.email());
        UserService.checkPassword(next);
        if (next.equals(current)) {
            throw DomainException.invalid("The new password is the current one: choose another.");
        }
        String newHash = hasher.hash(next);
        tx.inTransaction(() -> {
            users.setPasswordHash(user.iamId(), newHash);
            resets.deleteAllOf(user.iamId());
            audited(user, "change");
            return null;
        });
        sessions.closeAllOf(user.iamId());
        LOG.info("password of {} changed; their console sessions ended", user.iamId());
    }

    /**
     * {@code user-management.password.<verb>} in every account the user is an active member of: a password is the
     * user's, not one account's, and each account's administrators see it changed.
     */
    private void audited(User user, String verb) {
        for (Membership membership : users.memberships(user.iamId())) {
            if (membership.isActive()) {
                audit.record(membership.accountId(), user.iamId(), "user-management.password." + verb,
                        AuditTarget.of("user", user.iamId(), user.email()), AuditEvent.Outcome.SUCCESS, Map.of());
            }
        }
    }

    /**
     * Asks for a reset link for {@code email}. When a user with a password has that address, a single-use link
     * valid for an hour goes to it by mail; otherwise nothing happens. The answer is the same either way.
     *
     * @return zero, or how long this address must wait before asking again
     */
    public Duration requestReset(String email) {
        if (email == null || email.isBlank() || email.length() > 320) {
            throw DomainException.invalid("Enter the e-mail address you sign in with.");
        }
        Duration wait = resetThrottle.admit(email);
        if (!wait.isZero()) {
            return wait;
        }
        Optional<User> user = users.findByEmail(email.strip()).filter(u -> !u.functional())
                .filter(u -> users.passwordHash(u.iamId()).isPresent());
        if (user.isEmpty()) {
            return Duration.ZERO;
        }
        Secret token = new Secret(resetFormat.generate(random));
        Instant now = now();
        resets.insert(new PasswordReset(ApiKeyHash.of(token), user.get().iamId(), now, now.plus(RESET_LIFETIME)));
        String to = user.get().email();
        String body = "Hello,\n\nSomeone, probably you, asked to reset the Latchkey password of " + to + ".\n\n"
                + "To choose a new password, open this link within an hour. It works once:\n\n  "
                + link("/reset-password", token) + "\n\n"
                + "If you did not ask for this, ignore this mail: your password stays as it is.\n-- Latchkey\n";
        String iamId = user.get().iamId();
        mailThread.execute(() -> {
            DeliveryOutcome outcome = mail.send(to, "[Latchkey] Reset your password", body);
            if (!(outcome instanceof DeliveryOutcome.Delivered)) {
                LOG.warn("the password reset mail for {} was not sent: {}", iamId, outcome);
            }
        });
        return Duration.ZERO;
    }

    /** The address whose password this reset link resets, while the link works. */
    public Optional<String> resetFor(Secret token) {
        return pendingReset(token).flatMap(reset -> users.find(reset.iamId())).map(User::email);
    }

    /**
     * Sets a new password with a reset link's secret: consumes the link (and any other of the user's), ends the
     * user's console sessions. A password that breaks the length rule leaves the link usable.
     *
     * @return the user's e-mail address
     */
    public String reset(Secret token, Secret next) {
        PasswordReset reset = pendingReset(token).orElseThrow(PasswordService::invalidReset);
        UserService.checkPassword(next);
        User user = users.find(reset.iamId()).orElseThrow(PasswordService::invalidReset);
        String newHash = hasher.hash(next);
        tx.inTransaction(() -> {
            if (!resets.delete(reset.tokenHash())) {
                throw invalidReset();
            }
            users.setPasswordHash(user.iamId(), newHash);
            resets.deleteAllOf(user.iamId());
            audited(user, "reset");
            return null;
        });
        sessions.closeAllOf(user.iamId());
        signInThrottle.succeeded(user.email());
        LOG.info("password of {} reset by mail link; their console sessions ended", user.iamId());
        return user.email();
    }

    /**
     * Accepts an invitation ({@link UserService#accept}); an invitee who confirms with an existing password is
     * throttled on their address as at sign-in, so the inviter, who holds the secret, cannot guess it.
     */
    public UserService.Member accept(Secret invitation, Secret password) {
        Optional<UserService.Invitation> pending = userService.invitation(invitation);
        if (pending.isPresent() && pending.get().hasPassword()) {
            String email = pending.get().email();
            Duration wait = signInThrottle.admit(email);
            if (!wait.isZero()) {
                throw tooMany(wait);
            }
            UserService.Member member = userService.accept(invitation, password);
            signInThrottle.succeeded(email);
            return member;
        }
        return userService.accept(invitation, password);
    }

    /**
     * Mails an invitation's accept link to the invitee. When no mail server is configured, or the mail fails, the
     * link comes back for the inviter to hand over; it is never logged.
     */
    public InvitationDelivery mailInvitation(UserService.Invited invited, String accountName, String inviterEmail) {
        if (invited.invitation() == null) {
            return new InvitationDelivery(false, null, null);
        }
        Secret link = new Secret(link("/invite", invited.invitation()));
        String account = clean(accountName);
        String inviter = clean(inviterEmail);
        String body = "Hello,\n\n" + inviter + " invited you to the account \"" + account + "\" on Latchkey.\n\n"
                + "To accept, open this link within " + UserService.INVITATION_LIFETIME.toDays() + " days:\n\n  "
                + link.reveal() + "\n\n"
                + "A new user chooses a password there; if you already have one, you confirm with it.\n"
                + "If you did not expect this invitation, ignore this mail.\n-- Latchkey\n";
        DeliveryOutcome outcome = mail.send(invited.user().email(), "[Latchkey] " + inviter + " invited you to "
                + account, body);
        return switch (outcome) {
            case DeliveryOutcome.Delivered delivered -> new InvitationDelivery(true, null, null);
            case DeliveryOutcome.Unavailable unavailable -> new InvitationDelivery(false, link,
                    "This server sends no mail (no SMTP server is configured).");
            case DeliveryOutcome.Failed failed -> new InvitationDelivery(false, link,
                    "The invitation mail could not be sent: " + failed.reason());
            case DeliveryOutcome.Rejected rejected -> new InvitationDelivery(false, link,
                    "The invitation mail could not be sent: " + rejected.reason());
        };
    }

    /** Deletes expired reset links; the background work calls it now and then. */
    public int pruneExpired() {
        return resets.deleteExpired(clock.instant());
    }

    private Optional<PasswordReset> pendingReset(Secret token) {
        if (token == null || !resetFormat.isWellFormed(token.reveal())) {
            return Optional.empty();
        }
        return resets.find(ApiKeyHash.of(token)).filter(r -> r.expiresAt().isAfter(clock.instant()));
    }

    private String link(String path, Secret token) {
        return publicUrl + path + "?token=" + URLEncoder.encode(token.reveal(), StandardCharsets.UTF_8);
    }

    private static DomainException tooMany(Duration wait) {
        return new DomainException(ErrorCode.TOO_MANY_ATTEMPTS, "Too many attempts for this address: try again in "
                + Math.max(1, wait.toSeconds()) + " seconds.");
    }

    private static DomainException invalidReset() {
        return DomainException.invalid("This password reset link is unknown, used or expired: ask for a new one.");
    }

    /** Control characters (a line break could fake a header or a line) become spaces; long text is cut. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < MAX_NAME_IN_MAIL; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c);
        }
        return b.toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
