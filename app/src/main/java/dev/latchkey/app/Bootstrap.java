package dev.latchkey.app;

import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyStore;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.account.Account;
import dev.latchkey.core.account.AccountStore;
import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.apikey.CreateApiKey;
import dev.latchkey.core.apikey.CreatedApiKey;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * First start on an empty database: one account, an admin user who owns it with Administrator on the IAM
 * Identity service, and an admin API key, all in one transaction. Does nothing once any account exists.
 */
final class Bootstrap {
    private final Transactor tx;
    private final AccountStore accounts;
    private final UserStore users;
    private final PolicyStore policies;
    private final ApiKeyService apiKeys;
    private final Ids ids;
    private final Clock clock;

    public Bootstrap(Transactor tx, AccountStore accounts, UserStore users, PolicyStore policies,
                     ApiKeyService apiKeys, Ids ids, Clock clock) {
        this.tx = tx;
        this.accounts = accounts;
        this.users = users;
        this.policies = policies;
        this.apiKeys = apiKeys;
        this.ids = ids;
        this.clock = clock;
    }

    /** @return the admin key when this call initialized the database, empty when it already was */
    public Optional<CreatedApiKey> initializeIfEmpty(String adminEmail) {
        return initializeIfEmpty(adminEmail, null, created -> { });
    }

    /**
     * As {@link #initializeIfEmpty(String)}, with the admin key's value supplied (null: generated), and
     * {@code beforeCommit} given the new key inside the transaction: when it throws, nothing is made.
     */
    public Optional<CreatedApiKey> initializeIfEmpty(String adminEmail, String suppliedValue,
                                                     Consumer<CreatedApiKey> beforeCommit) {
        return tx.inTransaction(() -> {
            if (!accounts.isEmpty()) {
                return Optional.empty();
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            User admin = new User(ids.userIamId(), adminEmail, "Latchkey", "Admin", false, true, now);
            Account account = new Account(ids.accountId(), "Default account", admin.iamId(), now);
            users.insert(admin);
            accounts.insert(account);
            users.insertMembership(new Membership(account.id(), admin.iamId(), null, now));
            policies.insert(Policy.grant(ids.policyId(), account.id(), admin.iamId(), List.of(Role.ADMINISTRATOR.crn()),
                    List.of(new Policy.Attribute("accountId", account.id(), null),
                            new Policy.Attribute("serviceName", Policy.IAM_IDENTITY, null)),
                    "Administrator of the IAM Identity service, made on first start", admin.iamId(), now));
            CreatedApiKey created = apiKeys.create(new Principal(admin.iamId(), account.id()),
                    new CreateApiKey("admin", admin.iamId(), "Created on first start", account.id(), suppliedValue,
                            null, null, null, null, false, false));
            beforeCommit.accept(created);
            return Optional.of(created);
        });
    }
}
