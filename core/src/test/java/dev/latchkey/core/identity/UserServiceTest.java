package dev.latchkey.core.identity;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OTHER_ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.CreateApiKey;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.notification.KeyEvent;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class UserServiceTest {
    final InMemoryServices s = new InMemoryServices();
    final InMemoryUserStore store = s.stores.users;
    final UserService users = s.users;
    final Principal alice = s.member("IBMid-ALICE00001");

    static void refused(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    UserService.Invited invite(String email) {
        return users.invite(OWNER, ACCOUNT, List.of(new UserService.Invitee(email, null, null, false)), List.of())
                .get(0);
    }

    ApiKey keyOf(Principal who, String name) {
        return s.apiKeys.create(who, new CreateApiKey(name, who.iamId(), null, null, null, null, null, null, null,
                false, false)).key();
    }

    @Test
    void anInviteeIsPendingUntilTheyAcceptWithTheSecretAndAPassword() {
        UserService.Invited invited = invite("new.person@example.com");
        assertThat(invited.invitation()).isNotNull();
        assertThat(invited.user().givenName()).isEqualTo("new.person");
        assertThat(store.membership(ACCOUNT, invited.user().iamId())).get().extracting(Membership::isActive)
                .isEqualTo(false);
        refused(ErrorCode.INVALID_REQUEST, () -> users.accept(invited.invitation(), new Secret("short")));
        UserService.Member member = users.accept(invited.invitation(), new Secret("a long enough password"));
        assertThat(member.membership().isActive()).isTrue();
        assertThat(store.passwordHash(invited.user().iamId())).contains("hashed:a long enough password");
        refused(ErrorCode.INVALID_REQUEST, () -> users.accept(invited.invitation(), new Secret("a long enough password")));
        assertThat(users.authenticate("NEW.PERSON@example.com", new Secret("a long enough password")))
                .contains(invited.user());
    }

    @Test
    void anInvitationLastsSevenDays() {
        UserService.Invited invited = invite("late@example.com");
        s.clock.advance(UserService.INVITATION_LIFETIME);
        refused(ErrorCode.INVALID_REQUEST, () -> users.accept(invited.invitation(), new Secret("a long enough password")));
        assertThat(store.membership(ACCOUNT, invited.user().iamId()).orElseThrow().isActive()).isFalse();
        assertThat(store.passwordHash(invited.user().iamId())).as("the failed accept wrote nothing").isEmpty();
    }

    @Test
    void aFunctionalIdIsActiveAtOnceWithNothingToAccept() {
        UserService.Invited robot = users.invite(OWNER, ACCOUNT,
                List.of(new UserService.Invitee("robot@example.com", "Ro", "Bot", true)), List.of()).get(0);
        assertThat(robot.invitation()).isNull();
        assertThat(robot.membership().isActive()).isTrue();
        assertThat(robot.user().functional()).isTrue();
    }

    @Test
    void onlyThoseAllowedInviteAndAMemberIsNotInvitedTwice() {
        refused(ErrorCode.FORBIDDEN, () -> users.invite(alice, ACCOUNT,
                List.of(new UserService.Invitee("x@example.com", null, null, false)), List.of()));
        refused(ErrorCode.FORBIDDEN, () -> users.invite(STRANGER, ACCOUNT,
                List.of(new UserService.Invitee("x@example.com", null, null, false)), List.of()));
        assertThat(store.findByEmail("x@example.com")).isEmpty();
        refused(ErrorCode.DUPLICATE_VALUE, () -> invite("ibmid-alice00001@example.com"));
        refused(ErrorCode.INVALID_REQUEST, () -> invite("not an address"));
    }

    @Test
    void aFailedInvitationOfSeveralWritesNone() {
        refused(ErrorCode.DUPLICATE_VALUE, () -> users.invite(OWNER, ACCOUNT, List.of(
                new UserService.Invitee("first@example.com", null, null, false),
                new UserService.Invitee("ibmid-alice00001@example.com", null, null, false)), List.of()));
        assertThat(store.findByEmail("first@example.com")).as("rolled back with the second").isEmpty();
    }

    @Test
    void removingAMemberDeletesTheirKeysAndPoliciesInThatAccountOnly() {
        ApiKey first = keyOf(alice, "one");
        ApiKey second = keyOf(alice, "two");
        ApiKey owners = keyOf(OWNER, "owner's");
        s.grantOnIdentity(alice, Role.VIEWER);
        store.insertMembership(new Membership(OTHER_ACCOUNT, alice.iamId(), STRANGER.iamId(), s.clock.instant()));
        users.remove(OWNER, ACCOUNT, alice.iamId());
        assertThat(store.membership(ACCOUNT, alice.iamId())).isEmpty();
        assertThat(store.membership(OTHER_ACCOUNT, alice.iamId())).as("other accounts keep them").isPresent();
        assertThat(s.stores.keys.find(first.id())).isEmpty();
        assertThat(s.stores.keys.find(second.id())).isEmpty();
        assertThat(s.stores.keys.find(owners.id())).isPresent();
        assertThat(s.stores.policies.forSubject(ACCOUNT, alice.iamId())).isEmpty();
        assertThat(s.notified).extracting(KeyEvent::kind).containsOnly(KeyEvent.Kind.DELETED_BY_OTHER).hasSize(2);
    }

    @Test
    void theOwnerCannotBeRemovedNorCanAnyoneWithoutThePermissionRemove() {
        Principal bob = s.member("IBMid-BOB0000001");
        ApiKey key = keyOf(bob, "bob's");
        refused(ErrorCode.FORBIDDEN, () -> users.remove(alice, ACCOUNT, bob.iamId()));
        refused(ErrorCode.INVALID_STATE, () -> users.remove(OWNER, ACCOUNT, OWNER.iamId()));
        refused(ErrorCode.NOT_FOUND, () -> users.remove(OWNER, ACCOUNT, "IBMid-NOBODY0001"));
        assertThat(store.membership(ACCOUNT, bob.iamId())).isPresent();
        assertThat(s.stores.keys.find(key.id())).isPresent();
    }

    @Test
    void aUserAcceptsAPendingInvitationAsThemselfOnce() {
        UserService.Invited invited = invite("later@example.com");
        assertThat(users.acceptAs(invited.user().iamId(), ACCOUNT)).isTrue();
        assertThat(users.acceptAs(invited.user().iamId(), ACCOUNT)).as("active already").isFalse();
        refused(ErrorCode.NOT_FOUND, () -> users.acceptAs(invited.user().iamId(), OTHER_ACCOUNT));
    }

    @Test
    void withoutTheReadPermissionAMemberSeesOnlyThemself() {
        assertThat(users.list(alice, ACCOUNT, 0, 10).page().items()).extracting(m -> m.user().iamId())
                .containsExactly(alice.iamId());
        assertThat(users.list(OWNER, ACCOUNT, 0, 10).total()).isEqualTo(2);
        refused(ErrorCode.FORBIDDEN, () -> users.get(alice, ACCOUNT, OWNER.iamId()));
    }

    @Test
    void aSearchFindsUsersByEMailOrNameAndWithoutTheReadPermissionOnlyThemself() {
        Principal bob = s.member("IBMid-BOB0000001");
        assertThat(users.search(OWNER, ACCOUNT, "BOB", 0, 10).page().items()).extracting(m -> m.user().iamId())
                .containsExactly(bob.iamId());
        UserService.Members first = users.search(OWNER, ACCOUNT, "given family", 0, 1);
        assertThat(first.page().items()).extracting(m -> m.user().iamId()).containsExactly(alice.iamId());
        assertThat(first.page().hasMore()).isTrue();
        assertThat(first.total()).as("every match: the owner is a Given Family too").isEqualTo(3);
        assertThat(users.search(OWNER, ACCOUNT, "given family", 1, 1).page().items()).extracting(m -> m.user().iamId())
                .containsExactly(bob.iamId());

        assertThat(users.search(alice, ACCOUNT, "example.com", 0, 10).page().items()).extracting(m -> m.user().iamId())
                .as("herself only").containsExactly(alice.iamId());
        UserService.Members none = users.search(alice, ACCOUNT, "bob", 0, 10);
        assertThat(none.page().items()).isEmpty();
        assertThat(none.total()).isZero();
        refused(ErrorCode.FORBIDDEN, () -> users.search(STRANGER, ACCOUNT, "bob", 0, 10));
    }

    @Test
    void anInvitationSaysWhoIsInvitedWhereAndWhetherTheyHaveAPasswordWithoutChangingAnything() {
        UserService.Invited invited = invite("preview@example.com");
        assertThat(users.invitation(invited.invitation())).contains(new UserService.Invitation("preview@example.com",
                ACCOUNT, "Acme", false));
        store.setPasswordHash(invited.user().iamId(), "hashed:an existing password");
        assertThat(users.invitation(invited.invitation())).get().extracting(UserService.Invitation::hasPassword)
                .isEqualTo(true);
        assertThat(store.membership(ACCOUNT, invited.user().iamId()).orElseThrow().isActive()).isFalse();
        assertThat(users.invitation(new Secret("lkinv_not-a-real-one"))).isEmpty();
        s.clock.advance(UserService.INVITATION_LIFETIME);
        assertThat(users.invitation(invited.invitation())).as("expired").isEmpty();
    }

    @Test
    void whoMayReadInviteAndRemoveIsAskedOfTheSameRules() {
        assertThat(users.mayReadAll(OWNER, ACCOUNT)).isTrue();
        assertThat(users.mayInvite(OWNER, ACCOUNT)).isTrue();
        assertThat(users.mayRemove(OWNER, ACCOUNT, alice.iamId())).isTrue();
        assertThat(users.mayRemove(OWNER, ACCOUNT, OWNER.iamId())).as("never the owner").isFalse();
        assertThat(users.mayReadAll(alice, ACCOUNT)).isFalse();
        assertThat(users.mayInvite(alice, ACCOUNT)).isFalse();
        assertThat(users.mayRemove(alice, ACCOUNT, alice.iamId())).isFalse();
        refused(ErrorCode.FORBIDDEN, () -> users.remove(alice, ACCOUNT, alice.iamId()));
        assertThat(users.list(alice, ACCOUNT, 0, 20).page().items()).extracting(m -> m.user().iamId())
                .containsExactly(alice.iamId());
        assertThat(users.mayReadAll(STRANGER, ACCOUNT)).isFalse();
        assertThat(users.mayInvite(STRANGER, ACCOUNT)).isFalse();
    }

    // --- the profile in an account (decision 0044) ---

    static UserService.ProfileChange names(String firstname, String lastname) {
        return new UserService.ProfileChange(firstname, lastname, null, null, null, null, null);
    }

    @Test
    void aProfileNameIsTheAccountsOwnAndFallsBackToTheUsersName() {
        UserService.Member before = users.get(OWNER, ACCOUNT, alice.iamId());
        assertThat(before.firstname()).isEqualTo("Given");
        UserService.Member after = users.updateProfile(alice, ACCOUNT, alice.iamId(), null, names("Alice", null));
        assertThat(after.firstname()).isEqualTo("Alice");
        assertThat(after.lastname()).isEqualTo("Family");
        assertThat(users.get(OWNER, ACCOUNT, alice.iamId()).name()).isEqualTo("Alice Family");
        assertThat(store.find(alice.iamId()).orElseThrow().givenName()).as("the user's own name").isEqualTo("Given");
        assertThat(users.updateProfile(alice, ACCOUNT, alice.iamId(), null, names("", null)).firstname())
                .as("an empty name is the user's own again").isEqualTo("Given");
    }

    @Test
    void phoneNumbersAndAPhotoAreKeptAndEveryBadFieldIsA400NamingIt() {
        UserService.Member changed = users.updateProfile(alice, ACCOUNT, alice.iamId(), null,
                new UserService.ProfileChange(null, null, "+1 (555) 010-0100", "030/1234 5678",
                        "https://example.com/alice.png", null, null));
        assertThat(changed.membership().profile()).isEqualTo(new MemberProfile(null, null, "+1 (555) 010-0100",
                "030/1234 5678", "https://example.com/alice.png"));
        for (var bad : java.util.List.of(
                java.util.Map.entry(new UserService.ProfileChange(null, null, "call me", null, null, null, null), "'phonenumber'"),
                java.util.Map.entry(new UserService.ProfileChange(null, null, null, "1".repeat(33), null, null, null), "'altphonenumber'"),
                java.util.Map.entry(new UserService.ProfileChange(null, null, null, "12", null, null, null), "'altphonenumber'"),
                java.util.Map.entry(new UserService.ProfileChange(null, null, null, null, "javascript:alert(1)", null, null), "'photo'"),
                java.util.Map.entry(new UserService.ProfileChange(null, null, null, null, "https://u:p@example.com/x.png", null, null), "'photo'"),
                java.util.Map.entry(names("x".repeat(129), null), "'firstname'"),
                java.util.Map.entry(names(null, "a\u0000b"), "'lastname'"))) {
            assertThatThrownBy(() -> users.updateProfile(alice, ACCOUNT, alice.iamId(), null, bad.getKey()))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                        assertThat(e.getMessage()).contains(bad.getValue());
                    });
        }
        assertThat(store.membership(ACCOUNT, alice.iamId()).orElseThrow().profile()).isEqualTo(changed.membership()
                .profile());
    }

    @Test
    void emailAndStateAreAcceptedOnlyAsTheyAre() {
        UserService.Member same = users.updateProfile(alice, ACCOUNT, alice.iamId(), null,
                new UserService.ProfileChange("Al", null, null, null, null, "IBMID-ALICE00001@example.com", "ACTIVE"));
        assertThat(same.firstname()).isEqualTo("Al");
        refused(ErrorCode.INVALID_REQUEST, () -> users.updateProfile(alice, ACCOUNT, alice.iamId(), null,
                new UserService.ProfileChange(null, null, null, null, null, "someone@example.com", null)));
        refused(ErrorCode.INVALID_REQUEST, () -> users.updateProfile(OWNER, ACCOUNT, alice.iamId(), null,
                new UserService.ProfileChange(null, null, null, null, null, null, "VPN_ONLY")));
        assertThat(store.find(alice.iamId()).orElseThrow().email()).isEqualTo("ibmid-alice00001@example.com");
    }

    @Test
    void anothersProfileNeedsUpdateOnUserManagementAndIsAuditedByFieldNameOnly() {
        Principal bob = s.member("IBMid-BOB0000001");
        s.grant(bob.iamId(), Role.VIEWER, "serviceName", "user-management");
        refused(ErrorCode.FORBIDDEN, () -> users.updateProfile(bob, ACCOUNT, alice.iamId(), null, names("X", null)));
        assertThat(users.mayUpdateOthers(bob, ACCOUNT)).isFalse();
        refused(ErrorCode.FORBIDDEN, () -> users.updateProfile(STRANGER, ACCOUNT, alice.iamId(), null, names("X", null)));
        s.grant(bob.iamId(), Role.EDITOR, "serviceName", "user-management");
        assertThat(users.mayUpdateOthers(bob, ACCOUNT)).isTrue();
        users.updateProfile(bob, ACCOUNT, alice.iamId(), null, new UserService.ProfileChange("Ali", null,
                "+44 20 7946 0000", null, null, null, null));
        var event = s.audited.getLast();
        assertThat(event.action()).isEqualTo("user-management.user.update");
        assertThat(event.actor()).isEqualTo(bob.iamId());
        assertThat(event.details()).isEqualTo(java.util.Map.of("fields", "firstname,phonenumber"));
        // the number as written or without its spaces; not "7946" alone, which the event's random id may hold
        assertThat(event.canonical()).doesNotContain("7946 0000").doesNotContain("79460000");
        int events = s.audited.size();
        users.updateProfile(bob, ACCOUNT, alice.iamId(), null, names("Ali", null));
        assertThat(s.audited).as("no change, no event").hasSize(events);
    }

    @Test
    void aProfileChangeNamesTheVersionItReadAndSharesItWithTheSettings() {
        UserService.Member first = users.updateProfile(alice, ACCOUNT, alice.iamId(), null, names("A", null));
        String tag = first.entityTag();
        s.userSettings.update(alice, ACCOUNT, alice.iamId(), null,
                new dev.latchkey.core.settings.UserSettingsService.Change("fr", null, null, null));
        refused(ErrorCode.ENTITY_TAG_MISMATCH, () -> users.updateProfile(alice, ACCOUNT, alice.iamId(), tag,
                names("B", null)));
        UserService.Member current = users.get(alice, ACCOUNT, alice.iamId());
        assertThat(current.firstname()).isEqualTo("A");
        assertThat(current.membership().settings().language()).as("the profile change kept the settings")
                .isEqualTo("fr");
        assertThat(users.updateProfile(alice, ACCOUNT, alice.iamId(), current.entityTag(), names("B", null))
                .membership().settings().language()).isEqualTo("fr");
    }
}
