package dev.latchkey.core.token;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OTHER_ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static dev.latchkey.core.InMemoryServices.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.LeakAction;
import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.session.SessionService;
import dev.latchkey.core.settings.ExternalInteraction;
import dev.latchkey.core.settings.ExternalInteractionEvent;
import dev.latchkey.core.settings.ExternalInteractions;
import dev.latchkey.core.settings.UpdateAccessManagementSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The token service under another account's external identity interaction setting (decision 0034): alice's key is
 * of {@code ACCOUNT}, she is also a member of {@code OTHER_ACCOUNT}, whose owner changes the setting.
 */
class TokenServiceExternalInteractionsTest {
    final InMemoryServices s = new InMemoryServices();
    final Principal alice = s.member("IBMid-ALICE00001");
    final Secret key = key(alice.iamId());

    TokenServiceExternalInteractionsTest() {
        s.stores.users.insertMembership(new Membership(OTHER_ACCOUNT, alice.iamId(), null, T0));
    }

    private Secret key(String iamId) {
        String value = s.format.generate(s.random);
        s.stores.keys.insert(new ApiKey("ApiKey-ext", ACCOUNT, iamId, "key", null, OWNER.iamId(), T0, T0, null,
                        false, false, false, LeakAction.NONE, ApiKeyHash.of(value), s.format.displayPrefix(value), 1),
                new HistoryEntry(T0, OWNER.iamId(), ACCOUNT, "create", List.of(), "m"));
        return new Secret(value);
    }

    private void set(String state, String... allowed) {
        s.settings.updateAccessManagement(STRANGER, OTHER_ACCOUNT, "*", new UpdateAccessManagementSettings(
                new ExternalInteraction(state, List.of(allowed)), null, null));
    }

    private TokenOutcome forOther() {
        return s.tokens.exchange(key, OTHER_ACCOUNT, null, "default", "10.1.2.3");
    }

    @Test
    void limitedWhenKeyOfAnotherAccountThenRefusedAndRecordedWithoutSigning() {
        set(ExternalInteraction.LIMITED);
        TokenOutcome outcome = forOther();
        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.Refused.class,
                r -> assertThat(r.refusal()).isEqualTo(TokenRefusal.EXTERNAL_IDENTITY_LIMITED));
        assertThat(s.signer.signed).isEmpty();
        assertThat(s.externalEvents).containsExactly(new ExternalInteractionEvent(OTHER_ACCOUNT, ACCOUNT,
                alice.iamId(), ExternalInteractions.Where.TOKEN, ExternalInteraction.LIMITED, true));
        assertThat(s.tokens.exchange(key, null, null, "default", "10.1.2.3"))
                .as("the key's own account is unaffected").isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void limitedWhenKeysAccountAllowlistedThenIssuedWithTheKeysAccountClaimed() {
        set(ExternalInteraction.LIMITED, "c".repeat(32), ACCOUNT);
        assertThat(forOther()).isInstanceOf(TokenOutcome.Issued.class);
        assertThat(s.signer.signed).singleElement().extracting(AccessTokenClaims::authnAccountId).isEqualTo(ACCOUNT);
        assertThat(s.externalEvents).isEmpty();
    }

    @Test
    void monitorWhenKeyOfAnotherAccountThenIssuedAndReported() {
        set(ExternalInteraction.MONITOR);
        assertThat(forOther()).isInstanceOfSatisfying(TokenOutcome.Issued.class,
                issued -> assertThat(issued.authnAccountId()).isEqualTo(ACCOUNT));
        assertThat(s.externalEvents).singleElement().satisfies(e -> assertThat(e.refused()).isFalse());
    }

    @Test
    void enabledWhenKeyOfAnotherAccountThenIssuedAndNothingReported() {
        set(ExternalInteraction.ENABLED);
        assertThat(forOther()).isInstanceOf(TokenOutcome.Issued.class);
        assertThat(s.externalEvents).isEmpty();
    }

    @Test
    void accountSwitchWhenSessionFromAnotherAccountsKeyThenRefusedWhenFromPasswordThenIssued() {
        set(ExternalInteraction.LIMITED);
        assertThat(s.tokens.exchangeForAccount(alice.iamId(), OTHER_ACCOUNT, ACCOUNT, "console", "10.1.2.3"))
                .isInstanceOfSatisfying(TokenOutcome.Refused.class,
                        r -> assertThat(r.refusal()).isEqualTo(TokenRefusal.EXTERNAL_IDENTITY_LIMITED));
        assertThat(s.tokens.exchangeForAccount(alice.iamId(), OTHER_ACCOUNT, null, "console", "10.1.2.3"))
                .isInstanceOf(TokenOutcome.Issued.class);
        assertThat(s.tokens.exchangeForAccount(alice.iamId(), OTHER_ACCOUNT, OTHER_ACCOUNT, "console", "10.1.2.3"))
                .as("a key of the account itself").isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void sessionWhenOpenedWithAnotherAccountsKeyThenEndsOnceTheAccountLimits() {
        SessionService sessions = new SessionService(s.stores.sessions, s.tokens::mayStillAct,
                p -> s.externals.admits(p, ExternalInteractions.Where.REQUEST), s.random, s.clock);
        TokenOutcome.Issued issued = (TokenOutcome.Issued) forOther();
        SessionService.Opened opened = sessions.open(issued);
        assertThat(opened.session().authnAccountId()).isEqualTo(ACCOUNT);
        assertThat(sessions.find(opened.cookie().reveal())).isPresent();
        set(ExternalInteraction.LIMITED);
        assertThat(sessions.find(opened.cookie().reveal())).isEmpty();
        TokenOutcome.Issued own = (TokenOutcome.Issued) s.tokens.exchange(key, null, null, "default", "10.1.2.3");
        SessionService.Opened home = sessions.open(own);
        assertThat(sessions.find(home.cookie().reveal())).as("a session in the key's own account").isPresent();
    }
}
