package dev.latchkey.core.identity;

import java.util.Optional;

/** Persistence port for users and their account memberships. Implementations are thread-safe. */
public interface UserStore {
    void insert(User user);

    Optional<User> find(String iamId);

    void insertMembership(Membership membership);

    Optional<Membership> membership(String accountId, String iamId);
}
