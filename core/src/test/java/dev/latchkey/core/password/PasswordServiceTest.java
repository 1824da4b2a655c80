package dev.latchkey.core.password;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.identity.PasswordThrottle;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.notification.DeliveryOutcome;
import dev.latchkey.core.notification.MailSender;
import dev.latchkey.core.session.SessionService;
import dev.latchkey.core.token.TokenOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PasswordServiceTest {
    static final String OLD = "the old password, long";
    static final String NEW = "the new password, long";
    static final Pattern LINK = Pattern.compile("https://console\\.test/(reset-password|invite)\\?token=(\\S+)");

    record Mail(String to, String subject, String body) {
    }

    final InMemoryServices s = new InMemoryServices();
    final List<Mail> mailbox = new ArrayList<>();
    final MailSender mail = (to, subject, body) -> {
        mailbox.add(new Mail(to, subject, body));
        return new DeliveryOutcome.Delivered();
    };
    final SessionService sessions = new SessionService(s.stores.sessions, s.tokens::mayStillAct, s.random, s.clock);
    final PasswordThrottle resetThrottle = new PasswordThrottle(s.clock, 1000);
    final PasswordService passwords = service(mail);
    final Principal alice = s.member("IBMid-ALICE00001");
    final String aliceEmail = "ibmid-alice00001@example.com";

    PasswordService service(MailSender sender) {
        return new PasswordService(s.stores.tx, s.stores.users, s.users, s.stores.passwordResets, new InMemoryServices
                .PlainHasher(), s.throttle, resetThrottle, sessions, sender, Runnable::run, "https://console.test/",
                s.random, s.clock, s.audit);
    }

    PasswordServiceTest() {
        s.stores.users.setPasswordHash(alice.iamId(), "hashed:" + OLD);
    }

    static void refused(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    boolean signsIn(String email, String password) {
        return s.tokens.exchangePassword(email, new Secret(password), null, "test", "127.0.0.1")
                instanceof TokenOutcome.Issued;
    }

    SessionService.Opened session(Principal who) {
        return sessions.open((TokenOutcome.Issued) s.tokens.exchangeForAccount(who.iamId(), ACCOUNT, null, "test",
                "127.0.0.1"));
    }

    Secret linkIn(Mail mail) {
        Matcher m = LINK.matcher(mail.body());
        assertThat(m.find()).as("a link in: " + mail.body()).isTrue();
        return new Secret(java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void changingNeedsTheCurrentPasswordAndEndsEverySessionOfTheUser() {
        SessionService.Opened one = session(alice);
        SessionService.Opened two = session(alice);
        SessionService.Opened owners = session(OWNER);
        refused(ErrorCode.INVALID_REQUEST, () -> passwords.change(alice, new Secret("not the password"), new Secret(NEW)));
        refused(ErrorCode.INVALID_REQUEST, () -> passwords.change(alice, new Secret(OLD), new Secret("short")));
        refused(ErrorCode.INVALID_REQUEST, () -> passwords.change(alice, new Secret(OLD), new Secret(OLD)));
        assertThat(sessions.find(one.cookie().reveal())).as("nothing changed yet").isPresent();

        passwords.change(alice, new Secret(OLD), new Secret(NEW));
        assertThat(signsIn(aliceEmail, OLD)).isFalse();
        assertThat(signsIn(aliceEmail, NEW)).isTrue();
        assertThat(sessions.find(one.cookie().reveal())).isEmpty();
        assertThat(sessions.find(two.cookie().reveal())).isEmpty();
        assertThat(sessions.find(owners.cookie().reveal())).as("another user's session").isPresent();
    }

    @Test
    void wrongCurrentPasswordsCountTowardTheSignInThrottle() {
        for (int i = 0; i < 5; i++) {
            refused(ErrorCode.INVALID_REQUEST, () -> passwords.change(alice, new Secret("wrong guess"), new Secret(NEW)));
        }
        assertThatThrownBy(() -> passwords.change(alice, new Secret(OLD), new Secret(NEW)))
                .hasMessageContaining("Too many attempts").hasMessageContaining("30 seconds");
        assertThat(signsIn(aliceEmail, OLD)).as("sign-in waits as well").isFalse();
        s.clock.advance(Duration.ofSeconds(30));
        passwords.change(alice, new Secret(OLD), new Secret(NEW));
        assertThat(signsIn(aliceEmail, NEW)).isTrue();
    }

    @Test
    void identitiesWithoutAPasswordHaveNoneToChange() {
        Principal bot = s.member("IBMid-FUNCTION01", true);
        refused(ErrorCode.FORBIDDEN, () -> passwords.change(bot, new Secret("x"), new Secret(NEW)));
        refused(ErrorCode.FORBIDDEN, () -> passwords.change(new Principal(IamIds.ofServiceId("ServiceId-1"), ACCOUNT),
                new Secret("x"), new Secret(NEW)));
    }

    @Test
    void aResetLinkGoesOnlyToAUserWithAPasswordAndTheAnswerIsTheSame() {
        assertThat(passwords.requestReset("nobody@example.com")).isZero();
        assertThat(passwords.requestReset(OWNER.iamId().toLowerCase() + "@example.com")).as("no password").isZero();
        assertThat(mailbox).isEmpty();
        assertThat(passwords.requestReset(" IBMid-ALICE00001@EXAMPLE.com ")).isZero();
        assertThat(mailbox).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo(aliceEmail);
            assertThat(m.subject()).isEqualTo("[Latchkey] Reset your password");
            assertThat(m.body()).contains("https://console.test/reset-password?token=lkpwr_").contains("within an hour");
        });
        assertThat(s.stores.passwordResets.find(dev.latchkey.core.common.ApiKeyHash.of(linkIn(mailbox.get(0)))))
                .as("stored by its hash").isPresent();
    }

    @Test
    void aResetLinkWorksOnceEndsTheSessionsAndLeavesNoOtherLink() {
        SessionService.Opened open = session(alice);
        passwords.requestReset(aliceEmail);
        passwords.requestReset(aliceEmail);
        Secret first = linkIn(mailbox.get(0));
        Secret second = linkIn(mailbox.get(1));
        assertThat(passwords.resetFor(first)).contains(aliceEmail);
        refused(ErrorCode.INVALID_REQUEST, () -> passwords.reset(first, new Secret("short")));
        assertThat(passwords.resetFor(first)).as("a refused password does not use the link up").contains(aliceEmail);

        assertThat(passwords.reset(first, new Secret(NEW))).isEqualTo(aliceEmail);
        assertThat(signsIn(aliceEmail, NEW)).isTrue();
        assertThat(signsIn(aliceEmail, OLD)).isFalse();
        assertThat(sessions.find(open.cookie().reveal())).isEmpty();
        refused(ErrorCode.INVALID_REQUEST, () -> passwords.reset(first, new Secret("yet another password")));
        assertThat(passwords.resetFor(second)).as("the user's other links die with the first use").isEmpty();
        refused(ErrorCode.INVALID_REQUEST, () -> passwords.reset(second, new Secret("yet another password")));
        refused(ErrorCode.INVALID_REQUEST, () -> passwords.reset(new Secret("lkpwr_forged"), new Secret(NEW)));
    }

    @Test
    void aResetLinkLastsAnHour() {
        passwords.requestReset(aliceEmail);
        Secret link = linkIn(mailbox.get(0));
        s.clock.advance(PasswordService.RESET_LIFETIME);
        assertThat(passwords.resetFor(link)).isEmpty();
        refused(ErrorCode.INVALID_REQUEST, () -> passwords.reset(link, new Secret(NEW)));
        assertThat(passwords.pruneExpired()).isEqualTo(0);
        s.clock.advance(Duration.ofMillis(1));
        assertThat(passwords.pruneExpired()).isEqualTo(1);
    }

    @Test
    void resetRequestsAreThrottledPerTypedAddressKnownOrNot() {
        for (String email : List.of(aliceEmail, "nobody@example.com")) {
            for (int i = 0; i < 5; i++) {
                assertThat(passwords.requestReset(email)).isZero();
            }
            assertThat(passwords.requestReset(email)).isEqualTo(Duration.ofSeconds(30));
        }
        assertThat(mailbox).hasSize(5);
    }

    @Test
    void anInviteeWithAPasswordConfirmsItUnderTheSignInThrottle() {
        // alice is a member of ACCOUNT already: she is invited to a second account of the owner
        Principal owner2 = new Principal(OWNER.iamId(), "c".repeat(32));
        s.stores.accounts.insert(new dev.latchkey.core.account.Account(owner2.accountId(), "Second", OWNER.iamId(),
                InMemoryServices.T0));
        s.stores.users.insertMembership(new dev.latchkey.core.identity.Membership(owner2.accountId(), OWNER.iamId(),
                null, InMemoryServices.T0));
        Secret invitation = s.users.invite(owner2, owner2.accountId(), List.of(new UserService.Invitee(aliceEmail,
                null, null, false)), List.of()).get(0).invitation();
        for (int i = 0; i < 5; i++) {
            refused(ErrorCode.INVALID_REQUEST, () -> passwords.accept(invitation, new Secret("a wrong guess, long")));
        }
        assertThatThrownBy(() -> passwords.accept(invitation, new Secret(OLD))).hasMessageContaining("Too many");
        s.clock.advance(Duration.ofSeconds(30));
        assertThat(passwords.accept(invitation, new Secret(OLD)).membership().isActive()).isTrue();
    }

    @Test
    void anInvitationIsMailedToTheInviteeOrHandedBackAsALink() {
        UserService.Invited invited = s.users.invite(OWNER, ACCOUNT, List.of(new UserService.Invitee(
                "new.person@example.com", null, null, false)), List.of()).get(0);
        PasswordService.InvitationDelivery mailed = passwords.mailInvitation(invited, "Acme\nBcc: x", "owner@example.com");
        assertThat(mailed.mailed()).isTrue();
        assertThat(mailed.link()).isNull();
        assertThat(mailbox).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("new.person@example.com");
            assertThat(m.subject()).isEqualTo("[Latchkey] owner@example.com invited you to Acme Bcc: x");
            assertThat(linkIn(m)).isEqualTo(invited.invitation());
        });

        PasswordService.InvitationDelivery handed = service(MailSender.UNCONFIGURED).mailInvitation(invited, "Acme",
                "owner@example.com");
        assertThat(handed.mailed()).isFalse();
        assertThat(handed.link().reveal()).isEqualTo("https://console.test/invite?token=" + invited.invitation().reveal());
        assertThat(handed.problem()).contains("no SMTP server");

        UserService.Invited functional = s.users.invite(OWNER, ACCOUNT, List.of(new UserService.Invitee(
                "bot@example.com", null, null, true)), List.of()).get(0);
        assertThat(passwords.mailInvitation(functional, "Acme", "owner@example.com"))
                .isEqualTo(new PasswordService.InvitationDelivery(false, null, null));
        assertThat(mailbox).hasSize(1);
    }
}
