package dev.latchkey.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.InMemoryPolicyStore;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.account.Account;
import dev.latchkey.core.account.InMemoryAccountStore;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.identity.InMemoryUserStore;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountSettingsServiceTest {
    static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    static final String ACCOUNT = "a".repeat(32);
    static final Principal OWNER = new Principal("IBMid-OWNER00001", ACCOUNT);
    static final Principal EDITOR = new Principal("IBMid-EDITOR0001", ACCOUNT);
    static final Principal VIEWER = new Principal("IBMid-VIEWER0001", ACCOUNT);
    static final Principal STRANGER = new Principal("IBMid-OTHER00001", "b".repeat(32));

    InMemoryAccountSettingsStore store;
    InMemoryUserStore users;
    InMemoryPolicyStore policies;
    AccountSettingsService service;

    @BeforeEach
    void setUp() {
        store = new InMemoryAccountSettingsStore();
        users = new InMemoryUserStore();
        policies = new InMemoryPolicyStore();
        InMemoryAccountStore accounts = new InMemoryAccountStore();
        accounts.insert(new Account(ACCOUNT, "Acme", OWNER.iamId(), T0));
        accounts.insert(new Account(STRANGER.accountId(), "Other", STRANGER.iamId(), T0));
        for (Principal p : List.of(OWNER, EDITOR, VIEWER)) {
            users.insert(new User(p.iamId(), p.iamId().toLowerCase() + "@example.com", "Given", "Family", false, T0));
            users.insertMembership(new Membership(ACCOUNT, p.iamId(), null, T0));
        }
        grant(EDITOR, Role.EDITOR);
        grant(VIEWER, Role.VIEWER);
        service = new AccountSettingsService(store, users, new AccessDecider(policies, new dev.latchkey.core.access.InMemoryAccessGroupStore(),
                new dev.latchkey.core.access.InMemoryCustomRoleStore(), accounts,
                (accountId, iamId) -> users.membership(accountId, iamId).isPresent(), Clock.fixed(T0, ZoneOffset.UTC)),
                Clock.fixed(T0, ZoneOffset.UTC), new dev.latchkey.core.common.InMemoryTransactor(),
                dev.latchkey.core.audit.Audits.inMemory(Clock.fixed(T0, ZoneOffset.UTC)));
    }

    void grant(Principal who, Role role) {
        policies.insert(Policy.grant("p-" + who.iamId() + "-" + role, ACCOUNT, who.iamId(), List.of(role.crn()),
                List.of(new Policy.Attribute("accountId", ACCOUNT, null),
                        new Policy.Attribute("serviceName", Policy.IAM_IDENTITY, null)), null, OWNER.iamId(), T0));
    }

    static UpdateAccountSettings serviceIdCreation(String value) {
        return new UpdateAccountSettings(value, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    @Test
    void neverWrittenSettingsReadAsTheDefaultsAtVersionZero() {
        AccountSettings settings = service.get(OWNER, ACCOUNT);
        assertThat(settings).isEqualTo(AccountSettings.defaults(ACCOUNT));
        assertThat(AccountSettingsService.entityTag(settings)).matches("0-[0-9a-f]{32}");
        assertThat(store.rows).as("reading writes nothing").isEmpty();
    }

    @Test
    void restrictsServiceIdCreationOnlyWhenRestricted() {
        assertThat(service.restrictsServiceIdCreation(ACCOUNT)).as("default NOT_SET").isFalse();
        service.update(OWNER, ACCOUNT, "*", serviceIdCreation("RESTRICTED"));
        assertThat(service.restrictsServiceIdCreation(ACCOUNT)).isTrue();
        assertThat(service.restrictsServiceIdCreation(STRANGER.accountId())).as("other accounts unaffected").isFalse();
        service.update(OWNER, ACCOUNT, "*", serviceIdCreation("NOT_RESTRICTED"));
        assertThat(service.restrictsServiceIdCreation(ACCOUNT)).isFalse();
        service.update(OWNER, ACCOUNT, "*", serviceIdCreation("RESTRICTED"));
        service.update(OWNER, ACCOUNT, "*", serviceIdCreation("NOT_SET"));
        assertThat(service.restrictsServiceIdCreation(ACCOUNT)).isFalse();
        assertThat(service.restrictsUserApiKeyCreation(ACCOUNT)).as("the other setting is separate").isFalse();
    }

    @Test
    void updateNeedsAMatchingIfMatchAndAStaleOneWritesNothing() {
        String tag = AccountSettingsService.entityTag(service.get(OWNER, ACCOUNT));
        assertThatThrownBy(() -> service.update(OWNER, ACCOUNT, null, serviceIdCreation("RESTRICTED")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MISSING_IF_MATCH));
        AccountSettings written = service.update(EDITOR, ACCOUNT, tag, serviceIdCreation("RESTRICTED"));
        assertThat(written.version()).isEqualTo(1);
        assertThat(AccountSettingsService.entityTag(written)).isNotEqualTo(tag);
        assertThatThrownBy(() -> service.update(OWNER, ACCOUNT, tag, serviceIdCreation("NOT_RESTRICTED")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ENTITY_TAG_MISMATCH));
        assertThat(service.get(OWNER, ACCOUNT).restrictCreateServiceId()).isEqualTo("RESTRICTED");
        assertThat(store.history).singleElement().satisfies(entry -> {
            assertThat(entry.iamId()).isEqualTo(EDITOR.iamId());
            assertThat(entry.params()).containsExactly("restrict_create_service_id");
            assertThat(entry.timestamp()).isEqualTo(T0);
            assertThat(entry.message()).isEqualTo(
                    "Account settings updated: restrict_create_service_id: 'NOT_SET' → 'RESTRICTED'.");
        });
    }

    @Test
    void historyIsReadLikeTheSettingsAndKeepsTheNewestEntries() {
        service.update(EDITOR, ACCOUNT, "*", serviceIdCreation("RESTRICTED"));
        service.update(OWNER, ACCOUNT, "*", serviceIdCreation("NOT_RESTRICTED"));
        assertThat(service.history(EDITOR, ACCOUNT)).extracting(SettingsHistoryEntry::iamId)
                .containsExactly(EDITOR.iamId(), OWNER.iamId());
        assertThat(service.history(OWNER, ACCOUNT).get(1).iamIdAccount()).isEqualTo(ACCOUNT);
        assertThatThrownBy(() -> service.history(VIEWER, ACCOUNT)).hasMessageContaining("iam-identity.account.get");
        assertThatThrownBy(() -> service.history(STRANGER, ACCOUNT))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
        for (int i = 0; i < AccountSettingsStore.HISTORY_LIMIT; i++) {
            service.update(OWNER, ACCOUNT, "*", serviceIdCreation(i % 2 == 0 ? "RESTRICTED" : "NOT_RESTRICTED"));
        }
        List<SettingsHistoryEntry> kept = service.history(OWNER, ACCOUNT);
        assertThat(kept).hasSize(AccountSettingsStore.HISTORY_LIMIT).allMatch(e -> e.iamId().equals(OWNER.iamId()));
        assertThat(store.history).as("every write did record an entry").hasSize(AccountSettingsStore.HISTORY_LIMIT + 2);
    }

    @Test
    void viewersStrangersAndOtherAccountsAreRefused() {
        assertThatThrownBy(() -> service.get(VIEWER, ACCOUNT)).hasMessageContaining("iam-identity.account.get");
        assertThatThrownBy(() -> service.update(VIEWER, ACCOUNT, "*", serviceIdCreation("RESTRICTED")))
                .hasMessageContaining("iam-identity.account.update");
        assertThatThrownBy(() -> service.get(STRANGER, ACCOUNT))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(service.get(EDITOR, ACCOUNT)).isNotNull();
        assertThat(store.rows).isEmpty();
    }

    @Test
    void mayUpdateAnswersAsUpdateDecides() {
        assertThat(service.mayUpdate(OWNER, ACCOUNT)).isTrue();
        assertThat(service.mayUpdate(EDITOR, ACCOUNT)).isTrue();
        assertThat(service.mayUpdate(VIEWER, ACCOUNT)).isFalse();
        assertThat(service.mayUpdate(STRANGER, ACCOUNT)).isFalse();
        assertThatThrownBy(() -> service.update(VIEWER, ACCOUNT, "*", serviceIdCreation("RESTRICTED")))
                .as("and update agrees").hasMessageContaining("iam-identity.account.update");
        service.update(EDITOR, ACCOUNT, "*", serviceIdCreation("RESTRICTED"));
        assertThat(service.get(OWNER, ACCOUNT).restrictCreateServiceId()).isEqualTo("RESTRICTED");
    }

    @Test
    void tokenRulesArePreparedOncePerSettingsVersion() {
        TokenRules first = service.tokenRules(ACCOUNT);
        assertThat(first.accessTokenLifetimeSeconds()).isEqualTo(3600);
        assertThat(first.allowsClient("203.0.113.1")).isTrue();
        assertThat(service.tokenRules(ACCOUNT)).isSameAs(first);

        service.update(OWNER, ACCOUNT, "*", new UpdateAccountSettings(null, null, "10.0.0.0/8", null, null, null,
                null, null, "900", null, null, null, null, null));
        TokenRules second = service.tokenRules(ACCOUNT);
        assertThat(second).isNotSameAs(first);
        assertThat(second.accessTokenLifetimeSeconds()).isEqualTo(900);
        assertThat(second.allowsClient("10.1.1.1")).isTrue();
        assertThat(second.allowsClient("203.0.113.1")).isFalse();
        assertThat(service.tokenRules(ACCOUNT)).isSameAs(second);
    }

    @Test
    void resolvingUserMfaFillsInKnownUsersOnly() {
        List<UserMfa> resolved = service.resolveUserMfa(List.of(UserMfa.of(EDITOR.iamId(), "TOTP"),
                UserMfa.of("IBMid-UNKNOWN001", "NONE")));
        assertThat(resolved.get(0)).isEqualTo(new UserMfa(EDITOR.iamId(), "TOTP", "Given Family",
                "ibmid-editor0001@example.com", "ibmid-editor0001@example.com", null));
        assertThat(resolved.get(1)).isEqualTo(UserMfa.of("IBMid-UNKNOWN001", "NONE"));
    }
}
