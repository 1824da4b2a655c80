package dev.latchkey.core.settings;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OTHER_ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static dev.latchkey.core.InMemoryServices.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.identity.MemberSettings;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.settings.UserSettingsService.Change;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * A user's settings in an account, on the in-memory stores: who may read and change which field (IBM's rules,
 * decision 0044), validation that writes nothing, optimistic concurrency, and the audit event in the change's
 * transaction.
 */
class UserSettingsServiceTest {
    final InMemoryServices s = new InMemoryServices();
    final UserSettingsService settings = s.userSettings;
    final Principal alice = s.member("IBMid-ALICE00001");
    final Principal bob = s.member("IBMid-BOB0000001");

    static void refused(ErrorCode code, String messagePart, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    MemberSettings stored(Principal who) {
        return s.stores.users.membership(ACCOUNT, who.iamId()).orElseThrow().settings();
    }

    long auditHead() {
        return s.stores.audit.head(ACCOUNT).map(h -> h.lastSeq()).orElse(0L);
    }

    static Change languages(String language, String notificationLanguage) {
        return new Change(language, notificationLanguage, null, null);
    }

    @Test
    void theDefaultsAreIbmsEmptyLanguagesAnyAddressAndNotSelfManaged() {
        assertThat(settings.get(alice, ACCOUNT, alice.iamId()).settings()).isEqualTo(MemberSettings.DEFAULTS);
        assertThat(MemberSettings.DEFAULTS).isEqualTo(new MemberSettings("", "", "", false));
    }

    @Test
    void aUserChangesTheirOwnLanguagesWithoutAnyRole() {
        Membership changed = settings.update(alice, ACCOUNT, alice.iamId(), null, languages("fr", "pt-br"));
        assertThat(changed.settings()).isEqualTo(new MemberSettings("fr", "pt-br", "", false));
        assertThat(stored(alice)).isEqualTo(changed.settings());
        assertThat(changed.version()).isEqualTo(1);
        assertThat(settings.update(alice, ACCOUNT, alice.iamId(), null, languages("", null)).settings().language())
                .as("empty is the default again").isEmpty();
    }

    @Test
    void withoutTheRoleAUserChangesTheirAddressesOnlyWhileSelfManagedAndNeverSelfManageItself() {
        refused(ErrorCode.FORBIDDEN, "'allowed_ip_addresses'", () -> settings.update(alice, ACCOUNT, alice.iamId(),
                null, new Change(null, null, "10.0.0.0/8", null)));
        refused(ErrorCode.FORBIDDEN, "'self_manage'", () -> settings.update(alice, ACCOUNT, alice.iamId(), null,
                new Change(null, null, null, true)));
        assertThat(stored(alice)).isEqualTo(MemberSettings.DEFAULTS);
        assertThat(settings.update(alice, ACCOUNT, alice.iamId(), null, new Change("en", null, "", false)).settings())
                .as("fields sent unchanged are no change").isEqualTo(new MemberSettings("en", "", "", false));

        settings.update(OWNER, ACCOUNT, alice.iamId(), null, new Change(null, null, null, true));
        Membership mine = settings.update(alice, ACCOUNT, alice.iamId(), null,
                new Change(null, null, "10.0.0.0/8, 192.0.2.7", null));
        assertThat(mine.settings().allowedIpAddresses()).isEqualTo("10.0.0.0/8, 192.0.2.7");
        refused(ErrorCode.FORBIDDEN, "'self_manage'", () -> settings.update(alice, ACCOUNT, alice.iamId(), null,
                new Change(null, null, null, false)));
    }

    @Test
    void othersSettingsNeedReadToSeeAndUpdateToChange() {
        refused(ErrorCode.FORBIDDEN, "user-management.user.read", () -> settings.get(bob, ACCOUNT, alice.iamId()));
        refused(ErrorCode.FORBIDDEN, "user-management.user.update", () -> settings.update(bob, ACCOUNT,
                alice.iamId(), null, languages("de", null)));
        s.grant(bob.iamId(), Role.VIEWER, "serviceName", "user-management");
        assertThat(settings.get(bob, ACCOUNT, alice.iamId()).iamId()).isEqualTo(alice.iamId());
        refused(ErrorCode.FORBIDDEN, "user-management.user.update", () -> settings.update(bob, ACCOUNT,
                alice.iamId(), null, languages("de", null)));
        assertThat(settings.editable(bob, s.stores.users.membership(ACCOUNT, alice.iamId()).orElseThrow()).any())
                .isFalse();

        Principal editor = s.member("IBMid-EDITOR0001");
        s.grant(editor.iamId(), Role.EDITOR, "serviceName", "user-management");
        Membership changed = settings.update(editor, ACCOUNT, alice.iamId(), null,
                new Change("de", "de", "203.0.113.0/24", true));
        assertThat(changed.settings()).isEqualTo(new MemberSettings("de", "de", "203.0.113.0/24", true));
        assertThat(settings.editable(editor, changed)).isEqualTo(new UserSettingsService.Editable(true, true, true));
        assertThat(settings.editable(alice, changed)).isEqualTo(new UserSettingsService.Editable(true, true, false));
        assertThat(settings.editable(bob, changed)).isEqualTo(new UserSettingsService.Editable(false, false, false));
        assertThat(settings.update(OWNER, ACCOUNT, alice.iamId(), null, new Change(null, null, "", false)).settings())
                .as("the owner may do everything").isEqualTo(new MemberSettings("de", "de", "", false));
    }

    @Test
    void aRoleInOneAccountChangesNothingInAnotherAndSettingsArePerAccount() {
        s.stores.users.insertMembership(new Membership(OTHER_ACCOUNT, alice.iamId(), STRANGER.iamId(), T0));
        settings.update(STRANGER, OTHER_ACCOUNT, alice.iamId(), null, new Change("ja", null, "10.0.0.1", true));
        assertThat(stored(alice)).as("alice's settings in ACCOUNT").isEqualTo(MemberSettings.DEFAULTS);
        assertThat(s.stores.users.membership(OTHER_ACCOUNT, alice.iamId()).orElseThrow().settings())
                .isEqualTo(new MemberSettings("ja", "", "10.0.0.1", true));
        refused(ErrorCode.FORBIDDEN, "not for account", () -> settings.update(STRANGER, ACCOUNT, alice.iamId(), null,
                languages("ja", null)));
        refused(ErrorCode.FORBIDDEN, "not for account", () -> settings.get(STRANGER, ACCOUNT, alice.iamId()));
        refused(ErrorCode.NOT_FOUND, "IBMid-NOBODY0001", () -> settings.get(OWNER, ACCOUNT, "IBMid-NOBODY0001"));
        refused(ErrorCode.NOT_FOUND, STRANGER.iamId(), () -> settings.update(OWNER, ACCOUNT, STRANGER.iamId(), null,
                languages("en", null)));
    }

    @Test
    void everyInvalidFieldIsA400NamingItAndNothingIsWritten() {
        long head = auditHead();
        refused(ErrorCode.INVALID_REQUEST, "'language'", () -> settings.update(OWNER, ACCOUNT, alice.iamId(), null,
                languages("english please", null)));
        refused(ErrorCode.INVALID_REQUEST, "'notification_language'", () -> settings.update(OWNER, ACCOUNT,
                alice.iamId(), null, new Change("fr", "x".repeat(36), null, null)));
        refused(ErrorCode.INVALID_REQUEST, "'allowed_ip_addresses'", () -> settings.update(OWNER, ACCOUNT,
                alice.iamId(), null, new Change("fr", null, "10.0.0.300", null)));
        refused(ErrorCode.INVALID_REQUEST, "'allowed_ip_addresses'", () -> settings.update(OWNER, ACCOUNT,
                alice.iamId(), null, new Change(null, null, "intranet.example.com", null)));
        assertThat(stored(alice)).isEqualTo(MemberSettings.DEFAULTS);
        assertThat(auditHead()).isEqualTo(head);
    }

    @Test
    void ifMatchIsOptionalButWhenSentMustBeCurrentAndAConcurrentChangeIsA409() {
        Membership first = settings.update(OWNER, ACCOUNT, alice.iamId(), "*", languages("fr", null));
        String tag = EntityTag.of(ACCOUNT + "/" + alice.iamId(), first.version());
        Membership second = settings.update(OWNER, ACCOUNT, alice.iamId(), tag, languages("de", null));
        refused(ErrorCode.ENTITY_TAG_MISMATCH, "If-Match", () -> settings.update(OWNER, ACCOUNT, alice.iamId(), tag,
                languages("it", null)));
        assertThat(stored(alice).language()).isEqualTo("de");

        // another request wrote between this one's read and its write: the versioned write refuses
        s.stores.users.updateMember(ACCOUNT, alice.iamId(), second.profile(), second.settings(), second.version());
        UserSettingsService racing = new UserSettingsService(s.stores.tx, new RereadingUsers(s, second), s.access,
                s.audit);
        refused(ErrorCode.ENTITY_TAG_MISMATCH, "at the same time", () -> racing.update(OWNER, ACCOUNT, alice.iamId(),
                null, languages("es", null)));
        assertThat(stored(alice).language()).isEqualTo("de");
    }

    @Test
    void aChangeIsAuditedWithItsValuesInItsTransactionAndNoChangeIsNotAudited() {
        settings.update(OWNER, ACCOUNT, alice.iamId(), null, new Change("fr", null, "10.0.0.0/8", true));
        AuditEvent event = s.audited.getLast();
        assertThat(event.action()).isEqualTo(UserSettingsService.AUDIT_ACTION);
        assertThat(event.target().id()).isEqualTo(alice.iamId());
        assertThat(event.details()).containsEntry("fields", "language,allowed_ip_addresses,self_manage");
        assertThat(event.details().get("change")).isEqualTo("User settings updated: language: '' → 'fr'; "
                + "allowed_ip_addresses: '' → '10.0.0.0/8'; self_manage: 'false' → 'true'.");
        int events = s.audited.size();
        settings.update(OWNER, ACCOUNT, alice.iamId(), null, new Change("fr", "", "10.0.0.0/8", true));
        assertThat(s.audited).hasSize(events);

        // an audit trail that fails takes the change down with it
        AuditTrail failing = new AuditTrail(s.stores.audit, e -> {
            throw new IllegalStateException("audit unavailable");
        }, s.stores.tx, s.ids, s.clock);
        UserSettingsService unaudited = new UserSettingsService(s.stores.tx, s.stores.users, s.access, failing);
        assertThatThrownBy(() -> unaudited.update(OWNER, ACCOUNT, alice.iamId(), null, languages("de", null)))
                .hasMessageContaining("audit unavailable");
        assertThat(stored(alice).language()).isEqualTo("fr");
        assertThat(s.auditLog.verify(ACCOUNT).intact()).isTrue();
    }

    /** A user store that answers one stale membership for alice, as a read before a concurrent write would. */
    private static final class RereadingUsers implements dev.latchkey.core.identity.UserStore {
        private final InMemoryServices s;
        private final Membership stale;

        RereadingUsers(InMemoryServices s, Membership stale) {
            this.s = s;
            this.stale = stale;
        }

        @Override
        public java.util.Optional<Membership> membership(String accountId, String iamId) {
            return iamId.equals(stale.iamId()) ? java.util.Optional.of(stale) : s.stores.users.membership(accountId, iamId);
        }

        @Override
        public boolean updateMember(String accountId, String iamId, dev.latchkey.core.identity.MemberProfile profile,
                                    MemberSettings next, long expectedVersion) {
            return s.stores.users.updateMember(accountId, iamId, profile, next, expectedVersion);
        }

        @Override
        public void insert(dev.latchkey.core.identity.User user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<dev.latchkey.core.identity.User> find(String iamId) {
            return s.stores.users.find(iamId);
        }

        @Override
        public java.util.Optional<dev.latchkey.core.identity.User> findByEmail(String email) {
            return s.stores.users.findByEmail(email);
        }

        @Override
        public void insertMembership(Membership membership) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.List<Membership> memberships(String iamId) {
            return s.stores.users.memberships(iamId);
        }

        @Override
        public dev.latchkey.core.common.Page<Membership> members(String accountId, Membership.Position after,
                                                                int offset, int limit) {
            return s.stores.users.members(accountId, after, offset, limit);
        }

        @Override
        public int countMembers(String accountId) {
            return s.stores.users.countMembers(accountId);
        }

        @Override
        public dev.latchkey.core.common.Page<Membership> searchMembers(String accountId, String text, int offset,
                                                                      int limit) {
            return s.stores.users.searchMembers(accountId, text, offset, limit);
        }

        @Override
        public int countMatchingMembers(String accountId, String text) {
            return s.stores.users.countMatchingMembers(accountId, text);
        }

        @Override
        public void setInvitation(String accountId, String iamId, String secretHash, java.time.Instant expiresAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<Membership> findInvitation(String secretHash, java.time.Instant now) {
            return s.stores.users.findInvitation(secretHash, now);
        }

        @Override
        public boolean activate(String accountId, String iamId, java.time.Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deleteMembership(String accountId, String iamId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<String> passwordHash(String iamId) {
            return s.stores.users.passwordHash(iamId);
        }

        @Override
        public void setPasswordHash(String iamId, String hash) {
            throw new UnsupportedOperationException();
        }
    }
}
