package dev.latchkey.core.identity;

import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import java.util.Map;
import dev.latchkey.core.account.Account;
import dev.latchkey.core.account.AccountStore;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Accounts beyond the first: a platform administrator creates them, naming an existing user as owner (or
 * owning them); members list and read the accounts they belong to. Thread-safe.
 */
public final class AccountService {
    private final Transactor tx;
    private final AccountStore accounts;
    private final UserStore users;
    private final Ids ids;
    private final Clock clock;

    private final AuditTrail audit;

    public AccountService(Transactor tx, AccountStore accounts, UserStore users, Ids ids, Clock clock,
                          AuditTrail audit) {
        this.audit = audit;
        this.tx = tx;
        this.accounts = accounts;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
    }

    /** @param ownerIamId the owner; null makes the caller the owner */
    public Account create(Principal caller, String name, String ownerIamId) {
        User creator = users.find(caller.iamId()).filter(User::platformAdmin).orElseThrow(() ->
                DomainException.forbidden("Only a platform administrator can create accounts."));
        if (name == null || name.isBlank() || name.length() > 256) {
            throw DomainException.invalid("Field 'name' is required and must be 1 to 256 characters.");
        }
        String owner = ownerIamId == null ? creator.iamId() : ownerIamId;
        User ownerUser = users.find(owner).orElseThrow(() -> DomainException.invalid(
                "Field 'owner_iam_id' does not name a user: " + owner + "."));
        if (ownerUser.functional()) {
            throw DomainException.invalid("A functional ID cannot own an account.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Account account = new Account(ids.accountId(), name.strip(), owner, now);
        return tx.inTransaction(() -> {
            accounts.insert(account);
            users.insertMembership(new Membership(account.id(), owner, caller.iamId(), Membership.ACTIVE, now));
            audit.record(caller, account.id(), "iam-identity.account.create",
                    AuditTarget.of("account", account.id(), account.name()), Map.of("owner", owner));
            return account;
        });
    }

    /** The accounts the caller is an active member of. */
    public List<Account> mine(Principal caller) {
        return users.memberships(caller.iamId()).stream().filter(Membership::isActive)
                .map(m -> accounts.find(m.accountId())).flatMap(java.util.Optional::stream).toList();
    }

    public Account get(Principal caller, String accountId) {
        if (users.membership(accountId, caller.iamId()).filter(Membership::isActive).isEmpty()) {
            throw DomainException.notFound("Account", accountId);
        }
        return accounts.find(accountId).orElseThrow(() -> DomainException.notFound("Account", accountId));
    }
}
