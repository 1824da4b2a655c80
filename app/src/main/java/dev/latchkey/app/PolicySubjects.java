package dev.latchkey.app;

import dev.latchkey.core.access.AccessGroup;
import dev.latchkey.core.access.AccessGroupStore;
import dev.latchkey.core.access.Subjects;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.core.serviceid.ServiceIdStore;
import java.util.Optional;

/**
 * Who a policy may name as its subject in an account: a service ID of that account, a member of it (invited
 * members included, so that an invitation can carry its policies), or one of its access groups; and how a group's
 * member presents itself. Access owns the question ({@link Subjects}); identities and service IDs, which sit above
 * it, answer it here.
 */
record PolicySubjects(UserStore users, ServiceIdStore serviceIds, AccessGroupStore accessGroups) implements Subjects {
    @Override
    public boolean existsIn(String accountId, String iamId) {
        if (AccessGroup.isId(iamId)) {
            return accessGroups.find(iamId).filter(group -> group.accountId().equals(accountId)).isPresent();
        }
        return IamIds.isServiceId(iamId) ? serviceIds.accountOf(iamId).filter(accountId::equals).isPresent()
                : users.membership(accountId, iamId).isPresent();
    }

    @Override
    public Optional<Description> describe(String accountId, String iamId) {
        if (!existsIn(accountId, iamId) || AccessGroup.isId(iamId)) {
            return Optional.empty();
        }
        if (IamIds.isServiceId(iamId)) {
            return serviceIds.find(IamIds.serviceIdOf(iamId))
                    .map(serviceId -> new Description(serviceId.name(), null, serviceId.description()));
        }
        return users.find(iamId).map(user -> new Description(user.name(), user.email(), null));
    }
}
