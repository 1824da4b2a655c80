package dev.latchkey.core.account;

import java.util.Optional;

/** Persistence port for accounts. Implementations are thread-safe. */
public interface AccountStore {
    void insert(Account account);

    Optional<Account> find(String accountId);

    /** True when no account exists yet: the signal for first-start bootstrap. */
    boolean isEmpty();
}
