package dev.latchkey.core.token;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OTHER_ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.LeakAction;
import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.serviceid.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    final InMemoryServices s = new InMemoryServices();
    final TokenService tokens = s.tokens;
    final Principal alice = s.member("IBMid-ALICE00001");
    int counter;

    /** Stores a key with a fresh value for {@code iamId} in {@link InMemoryServices#ACCOUNT}; returns the value. */
    Secret key(String iamId, boolean disabled, Instant expiresAt) {
        String value = s.format.generate(s.random);
        String id = "ApiKey-" + (++counter);
        s.stores.keys.insert(new ApiKey(id, ACCOUNT, iamId, "key " + counter, null, OWNER.iamId(), T0, T0, expiresAt,
                false, disabled, false, LeakAction.NONE, ApiKeyHash.of(value), s.format.displayPrefix(value), 1),
                new HistoryEntry(T0, OWNER.iamId(), ACCOUNT, "create", List.of(), "m"));
        return new Secret(value);
    }

    Secret key(String iamId) {
        return key(iamId, false, null);
    }

    TokenOutcome exchange(Secret value) {
        return tokens.exchange(value, null, null, "default", "10.1.2.3");
    }

    static void refusedWith(TokenOutcome outcome, TokenRefusal refusal) {
        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.Refused.class,
                r -> assertThat(r.refusal()).isEqualTo(refusal));
    }

    ServiceId serviceId(String uuid, String account) {
        String id = "ServiceId-" + uuid;
        ServiceId serviceId = new ServiceId(id, IamIds.ofServiceId(id), account, "svc", null, List.of(), false, T0,
                T0, OWNER.iamId(), 1);
        s.stores.serviceIds.insert(serviceId, new HistoryEntry(T0, OWNER.iamId(), ACCOUNT, "create", List.of(), "m"));
        return serviceId;
    }

    @Test
    void aUsersKeyIsExchangedForATokenOfItsAccountSignedByTheSigner() {
        TokenOutcome outcome = exchange(key(alice.iamId()));
        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.Issued.class, issued -> {
            assertThat(issued.accessToken()).isEqualTo("token-for:" + alice.iamId() + "@" + ACCOUNT + "/"
                    + AccessTokenClaims.GRANT_APIKEY);
            assertThat(issued.expiration()).isEqualTo(T0.getEpochSecond() + issued.expiresIn());
        });
        assertThat(s.signer.signed).singleElement().satisfies(c -> {
            assertThat(c.email()).isEqualTo("ibmid-alice00001@example.com");
            assertThat(c.issuer()).isEqualTo("https://iam.test");
            assertThat(c.issuedAt()).isEqualTo(T0);
        });
    }

    @Test
    void anUnknownValueOrOneWithABadChecksumIsNotFoundAndNothingIsSigned() {
        Secret real = key(alice.iamId());
        refusedWith(exchange(new Secret(s.format.generate(s.random))), TokenRefusal.KEY_NOT_FOUND);
        String value = real.reveal();
        String tampered = value.substring(0, value.length() - 1) + (value.endsWith("A") ? "B" : "A");
        refusedWith(exchange(new Secret(tampered)), TokenRefusal.KEY_NOT_FOUND);
        refusedWith(exchange(new Secret("not-a-latchkey-key-at-all-but-long-enough")), TokenRefusal.KEY_NOT_FOUND);
        assertThat(s.signer.signed).isEmpty();
    }

    @Test
    void aDisabledKeyIsRefused() {
        refusedWith(exchange(key(alice.iamId(), true, null)), TokenRefusal.KEY_DISABLED);
    }

    @Test
    void aKeyStopsWorkingTheMomentItExpires() {
        Secret value = key(alice.iamId(), false, T0.plus(Duration.ofHours(1)));
        assertThat(exchange(value)).isInstanceOf(TokenOutcome.Issued.class);
        s.clock.advance(Duration.ofHours(1).minusMillis(1));
        assertThat(exchange(value)).isInstanceOf(TokenOutcome.Issued.class);
        s.clock.advance(Duration.ofMillis(1));
        refusedWith(exchange(value), TokenRefusal.KEY_EXPIRED);
    }

    @Test
    void aTokenForAnotherAccountNeedsAnActiveMembershipThere() {
        Secret value = key(alice.iamId());
        refusedWith(tokens.exchange(value, OTHER_ACCOUNT, null, "default", "10.1.2.3"), TokenRefusal.NOT_A_MEMBER);
        s.stores.users.insertMembership(new Membership(OTHER_ACCOUNT, alice.iamId(), "x", Membership.PENDING, T0));
        refusedWith(tokens.exchange(value, OTHER_ACCOUNT, null, "default", "10.1.2.3"), TokenRefusal.NOT_A_MEMBER);
        s.stores.users.activate(OTHER_ACCOUNT, alice.iamId(), T0);
        assertThat(tokens.exchange(value, OTHER_ACCOUNT, null, "default", "10.1.2.3"))
                .isInstanceOf(TokenOutcome.Issued.class);
        assertThat(s.signer.signed).singleElement().extracting(AccessTokenClaims::accountId).isEqualTo(OTHER_ACCOUNT);
    }

    @Test
    void aRemovedMembersKeyIsRefused() {
        Secret value = key(alice.iamId());
        s.stores.users.deleteMembership(ACCOUNT, alice.iamId());
        refusedWith(exchange(value), TokenRefusal.NOT_A_MEMBER);
        assertThat(tokens.mayStillAct(alice.iamId(), ACCOUNT)).isFalse();
    }

    @Test
    void theTenantHeaderMustNameTheTokensAccount() {
        Secret value = key(alice.iamId());
        refusedWith(tokens.exchange(value, null, Set.of(OTHER_ACCOUNT), "default", "10.1.2.3"),
                TokenRefusal.TENANT_MISMATCH);
        assertThat(tokens.exchange(value, null, Set.of(OTHER_ACCOUNT, ACCOUNT), "default", "10.1.2.3"))
                .isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void theAccountsAllowedAddressesAreEnforced() {
        Secret value = key(alice.iamId());
        s.settings("NOT_SET", "10.0.0.0/8");
        refusedWith(tokens.exchange(value, null, null, "default", "192.168.1.1"), TokenRefusal.ADDRESS_NOT_ALLOWED);
        assertThat(tokens.exchange(value, null, null, "default", "10.200.0.1")).isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void aServiceIdsKeyGetsAServiceIdTokenOnlyWhileTheServiceIdExistsAndOnlyForItsAccount() {
        ServiceId svc = serviceId("1", ACCOUNT);
        Secret value = key(svc.iamId());
        assertThat(exchange(value)).isInstanceOfSatisfying(TokenOutcome.Issued.class,
                issued -> assertThat(issued.accessToken()).startsWith("token-for:" + svc.iamId() + "@" + ACCOUNT));
        refusedWith(tokens.exchange(value, OTHER_ACCOUNT, null, "default", "10.1.2.3"), TokenRefusal.NOT_A_MEMBER);
        s.stores.serviceIds.delete(svc.id(), 1);
        refusedWith(exchange(value), TokenRefusal.KEY_NOT_FOUND);
        assertThat(tokens.mayStillAct(svc.iamId(), ACCOUNT)).isFalse();
    }

    @Test
    void aServiceIdOfAnotherAccountDoesNotMakeTheKeyWork() {
        ServiceId elsewhere = serviceId("9", OTHER_ACCOUNT);
        refusedWith(exchange(key(elsewhere.iamId())), TokenRefusal.KEY_NOT_FOUND);
    }

    @Test
    void aPasswordGivesAUserTokenForTheirOldestActiveMembership() {
        s.stores.users.setPasswordHash(alice.iamId(), "hashed:correct horse battery");
        TokenOutcome outcome = tokens.exchangePassword("IBMid-ALICE00001@EXAMPLE.COM",
                new Secret("correct horse battery"), null, "default", "10.1.2.3");
        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.Issued.class, issued -> assertThat(
                issued.accessToken()).isEqualTo("token-for:" + alice.iamId() + "@" + ACCOUNT + "/"
                + AccessTokenClaims.GRANT_PASSWORD));
        refusedWith(tokens.exchangePassword("ibmid-alice00001@example.com", new Secret("correct horse battery"),
                OTHER_ACCOUNT, "default", "10.1.2.3"), TokenRefusal.NOT_A_MEMBER);
    }

    @Test
    void aWrongPasswordAnUnknownAddressAndAFunctionalIdGetTheSameRefusal() {
        s.stores.users.setPasswordHash(alice.iamId(), "hashed:correct horse battery");
        Principal robot = s.member("IBMid-ROBOT00001", true);
        s.stores.users.setPasswordHash(robot.iamId(), "hashed:robot password 1");
        refusedWith(tokens.exchangePassword("ibmid-alice00001@example.com", new Secret("wrong horse battery"), null,
                "default", "10.1.2.3"), TokenRefusal.BAD_CREDENTIALS);
        refusedWith(tokens.exchangePassword("nobody@example.com", new Secret("correct horse battery"), null,
                "default", "10.1.2.3"), TokenRefusal.BAD_CREDENTIALS);
        refusedWith(tokens.exchangePassword("ibmid-robot00001@example.com", new Secret("robot password 1"), null,
                "default", "10.1.2.3"), TokenRefusal.BAD_CREDENTIALS);
        assertThat(s.signer.signed).isEmpty();
    }

    @Test
    void afterFiveWrongPasswordsTheAddressMustWaitEvenWithTheRightOne() {
        s.stores.users.setPasswordHash(alice.iamId(), "hashed:correct horse battery");
        String email = "ibmid-alice00001@example.com";
        for (int i = 0; i < 5; i++) {
            refusedWith(tokens.exchangePassword(email, new Secret("wrong " + i), null, "default", "10.1.2.3"),
                    TokenRefusal.BAD_CREDENTIALS);
        }
        TokenOutcome waiting = tokens.exchangePassword(email, new Secret("correct horse battery"), null, "default",
                "10.1.2.3");
        refusedWith(waiting, TokenRefusal.TOO_MANY_FAILURES);
        assertThat(((TokenOutcome.Refused) waiting).retryAfterSeconds()).isPositive();
        s.clock.advance(Duration.ofMinutes(1));
        assertThat(tokens.exchangePassword(email, new Secret("correct horse battery"), null, "default", "10.1.2.3"))
                .isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void aUserWithoutAnyActiveMembershipGetsNoPasswordToken() {
        s.stores.users.insert(new User("IBMid-LONER00001", "loner@example.com", "Lo", "Ner", false, T0));
        s.stores.users.setPasswordHash("IBMid-LONER00001", "hashed:lonely password");
        refusedWith(tokens.exchangePassword("loner@example.com", new Secret("lonely password"), null, "default",
                "10.1.2.3"), TokenRefusal.NOT_A_MEMBER);
    }

    // --- a user's own allowed addresses in the account (decision 0044) ---

    void allowAlice(String account, String addresses) {
        var m = s.stores.users.membership(account, alice.iamId()).orElseThrow();
        assertThat(s.stores.users.updateMember(account, alice.iamId(), m.profile(),
                new dev.latchkey.core.identity.MemberSettings("", "", addresses, false), m.version())).isTrue();
    }

    @Test
    void aUsersOwnAllowedAddressesApplyToEveryGrantInThatAccountFromTheNextRequest() {
        Secret value = key(alice.iamId());
        allowAlice(ACCOUNT, "10.0.0.0/8");
        TokenOutcome refused = tokens.exchange(value, null, null, "default", "192.168.1.1");
        refusedWith(refused, TokenRefusal.ADDRESS_NOT_ALLOWED);
        assertThat(((TokenOutcome.Refused) refused).message()).contains("192.168.1.1", "this user");
        assertThat(tokens.exchange(value, null, null, "default", "10.200.0.1")).isInstanceOf(TokenOutcome.Issued.class);

        s.stores.users.setPasswordHash(alice.iamId(), "hashed:correct horse battery");
        refusedWith(tokens.exchangePassword("ibmid-alice00001@example.com", new Secret("correct horse battery"),
                null, "default", "192.168.1.1"), TokenRefusal.ADDRESS_NOT_ALLOWED);
        refusedWith(tokens.exchangeForAccount(alice.iamId(), ACCOUNT, null, "default", "192.168.1.1"),
                TokenRefusal.ADDRESS_NOT_ALLOWED);
        assertThat(tokens.identify(value, "192.168.1.1")).isEmpty();
        assertThat(tokens.identify(value, "10.0.0.1")).isPresent();

        allowAlice(ACCOUNT, "192.168.1.0/24");
        assertThat(tokens.exchange(value, null, null, "default", "192.168.1.1")).isInstanceOf(TokenOutcome.Issued.class);
        refusedWith(tokens.exchange(value, null, null, "default", "10.200.0.1"), TokenRefusal.ADDRESS_NOT_ALLOWED);
        allowAlice(ACCOUNT, "");
        assertThat(tokens.exchange(value, null, null, "default", "10.200.0.1")).isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void theAccountsAndTheUsersListsMustBothAdmitTheAddressAndOnlyInTheirAccount() {
        Secret value = key(alice.iamId());
        s.settings("NOT_SET", "10.0.0.0/8");
        allowAlice(ACCOUNT, "10.1.0.0/16, 192.168.1.1");
        refusedWith(tokens.exchange(value, null, null, "default", "192.168.1.1"), TokenRefusal.ADDRESS_NOT_ALLOWED);
        refusedWith(tokens.exchange(value, null, null, "default", "10.2.0.1"), TokenRefusal.ADDRESS_NOT_ALLOWED);
        assertThat(tokens.exchange(value, null, null, "default", "10.1.2.3")).isInstanceOf(TokenOutcome.Issued.class);

        s.stores.users.insertMembership(new Membership(OTHER_ACCOUNT, alice.iamId(), null, T0));
        assertThat(tokens.exchange(value, OTHER_ACCOUNT, null, "default", "203.0.113.5"))
                .as("alice's list in ACCOUNT says nothing about OTHER_ACCOUNT").isInstanceOf(TokenOutcome.Issued.class);
        allowAlice(OTHER_ACCOUNT, "203.0.113.0/24");
        refusedWith(tokens.exchange(value, OTHER_ACCOUNT, null, "default", "198.51.100.1"),
                TokenRefusal.ADDRESS_NOT_ALLOWED);
        ServiceId svc = serviceId("7", ACCOUNT);
        assertThat(tokens.exchange(key(svc.iamId()), null, null, "default", "10.9.9.9"))
                .as("a service ID has no user list").isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void aStoredListThatDoesNotParseAdmitsNoAddress() {
        Secret value = key(alice.iamId());
        allowAlice(ACCOUNT, "not an address");
        refusedWith(tokens.exchange(value, null, null, "default", "10.1.2.3"), TokenRefusal.ADDRESS_NOT_ALLOWED);
    }
}
