package dev.latchkey.core.account;

import dev.latchkey.core.common.InMemoryTransactor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An {@link AccountStore} in memory: account ids are unique, as the table's primary key makes them. */
public final class InMemoryAccountStore implements AccountStore, InMemoryTransactor.Participant {
    private Map<String, Account> accounts = new LinkedHashMap<>();

    @Override
    public synchronized void insert(Account account) {
        if (accounts.putIfAbsent(account.id(), account) != null) {
            throw new IllegalStateException("duplicate account " + account.id());
        }
    }

    @Override
    public synchronized Optional<Account> find(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    @Override
    public synchronized boolean isEmpty() {
        return accounts.isEmpty();
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(accounts);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        accounts = new LinkedHashMap<>((Map<String, Account>) snapshot);
    }
}
