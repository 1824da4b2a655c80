package dev.latchkey.app;

import dev.latchkey.core.access.Subjects;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.core.serviceid.ServiceIdStore;

/**
 * Who a policy may name as its subject in an account: a service ID of that account, or a member of it (invited
 * members included, so that an invitation can carry its policies). Access owns the question ({@link Subjects});
 * identities and service IDs, which sit above it, answer it here.
 */
record PolicySubjects(UserStore users, ServiceIdStore serviceIds) implements Subjects {
    @Override
    public boolean existsIn(String accountId, String iamId) {
        return IamIds.isServiceId(iamId) ? serviceIds.accountOf(iamId).filter(accountId::equals).isPresent()
                : users.membership(accountId, iamId).isPresent();
    }
}
